namespace SolarFleet.Silo.Demo;

/// <summary>A demo home: where it is and which zone its clocks keep.</summary>
public sealed record DemoSite(string Id, string Name, double Latitude, double Longitude, string TimeZone);
