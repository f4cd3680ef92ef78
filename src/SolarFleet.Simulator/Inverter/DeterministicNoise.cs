namespace SolarFleet.Simulator.Inverter;

/// <summary>Seeded, stateless pseudo-random values: the same seed and key always give the same value.</summary>
internal static class DeterministicNoise
{
    /// <summary>A uniform value in [0, 1) for a seed and a key.</summary>
    public static double Uniform(ulong seed, long key, ulong stream)
    {
        var mixed = Mix(seed ^ Mix((ulong)key + (stream * 0x9E3779B97F4A7C15UL)));
        return (mixed >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Value noise that drifts smoothly from one block of keys to the next (clouds drift, not flicker).</summary>
    public static double Smooth(ulong seed, long key, int blockLength, ulong stream)
    {
        var block = Math.DivRem(key, blockLength, out var offset);
        var t = (double)offset / blockLength;
        t = t * t * (3 - (2 * t));
        var from = Uniform(seed, block, stream);
        var to = Uniform(seed, block + 1, stream);
        return from + ((to - from) * t);
    }

    /// <summary>The SplitMix64 finaliser: a cheap bijective mix with good avalanche.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
