namespace SolarFleet.Silo.Demo;

/// <summary>A demo home: where it is, which zone, and how many simulated Pis it has.</summary>
public sealed record DemoSite(string Id, string Name, double Latitude, double Longitude, string TimeZone);
