using System.Globalization;

namespace SolarFleet.Grains.Underproduction;

/// <summary>
/// The grid that groups inverters for peer comparison: cells as tall as the peer radius, so that every peer of an
/// inverter is in its cell's row or the rows above and below, and in as many columns either side as the radius spans
/// at that latitude.
/// </summary>
public static class YieldCells
{
    private const double KmPerDegree = 111.2;

    public static double CellDegrees(double radiusKm) => Math.Clamp(radiusKm / KmPerDegree, 0.01, 10);

    public static string KeyOf(double latitude, double longitude, double radiusKm)
    {
        var size = CellDegrees(radiusKm);
        return Key((int)Math.Floor(latitude / size), (int)Math.Floor(longitude / size));
    }

    /// <summary>The keys of the cells that can hold a peer within <paramref name="radiusKm"/> of the point.</summary>
    public static IEnumerable<string> Around(double latitude, double longitude, double radiusKm)
    {
        var size = CellDegrees(radiusKm);
        var row = (int)Math.Floor(latitude / size);
        var column = (int)Math.Floor(longitude / size);
        // Judged from the cell's poleward edge plus a row, so every point of a cell has the same cells around it.
        var nearPole = Math.Min(89.0, Math.Max(Math.Abs(row * size), Math.Abs((row + 1) * size)) + size);
        var columns = (int)Math.Min(Math.Ceiling(radiusKm / (KmPerDegree * Math.Cos(nearPole * Math.PI / 180) * size)), 360 / size);
        for (var r = row - 1; r <= row + 1; r++)
        {
            for (var c = column - columns; c <= column + columns; c++)
            {
                yield return Key(r, c);
            }
        }
    }

    private static string Key(int row, int column) => string.Create(CultureInfo.InvariantCulture, $"{row}:{column}");
}
