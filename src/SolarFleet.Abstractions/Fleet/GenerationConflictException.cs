namespace SolarFleet.Abstractions.Fleet;

/// <summary>A fleet document was sent for a generation that is no longer the stored one (optimistic concurrency).</summary>
[GenerateSerializer]
public sealed class GenerationConflictException : Exception
{
    public GenerationConflictException()
        : this(0, 0)
    {
    }

    public GenerationConflictException(long expected, long actual)
        : base($"The fleet document is at generation {actual}, not {expected}.")
    {
        Expected = expected;
        Actual = actual;
    }

    public GenerationConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    [Id(0)]
    public long Expected { get; }

    [Id(1)]
    public long Actual { get; }
}
