using Xunit.Sdk;
using Xunit.v3;

// Each test class runs its own SolarFleet host in this process. Metric listeners are process-wide, so two hosts
// alive at once would each see the other's "SolarFleet" gauges; one host at a time keeps every scrape honest.
[assembly: Parallelization(Mode = ParallelMode.None)]
