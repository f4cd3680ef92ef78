using System.Runtime.CompilerServices;

namespace SolarFleet.Silo.Reads;

/// <summary>
/// Reads items in their order while the next few reads are already under way. A report read site after site waits one
/// site's latency (a store query, a round of its inverters) per site: at 10,000 sites on a busy silo, minutes.
/// </summary>
public static class ReadAhead
{
    /// <summary>
    /// Each item's result, in the items' order, with at most <paramref name="width"/> reads under way at once. A failed
    /// read fails the enumeration at its place. When the enumeration ends early (the consumer stopped, a read failed,
    /// the token fired) the reads still under way are cancelled and waited for: none outlives the enumeration.
    /// </summary>
    public static async IAsyncEnumerable<TResult> InOrderAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        int width,
        Func<TItem, CancellationToken, Task<TResult>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var underWay = new Queue<Task<TResult>>(width);
        using var next = items.GetEnumerator();
        try
        {
            while (true)
            {
                while (underWay.Count < width && next.MoveNext())
                {
                    underWay.Enqueue(read(next.Current, stop.Token));
                }

                if (underWay.Count == 0)
                {
                    yield break;
                }

                yield return await underWay.Dequeue();
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var reading in underWay)
            {
                await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
