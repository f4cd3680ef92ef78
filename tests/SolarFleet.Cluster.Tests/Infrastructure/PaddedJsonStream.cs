using System.Net.Http.Headers;
using System.Text;

namespace SolarFleet.Cluster.Tests.Infrastructure;

/// <summary>
/// A JSON object padded with spaces before its closing brace to exactly <see cref="Length"/> bytes, made as it is
/// read: a valid JSON body of any size that is never held in memory.
/// </summary>
public sealed class PaddedJsonStream : Stream
{
    private readonly byte[] head;
    private long position;

    public PaddedJsonStream(string json, long length)
    {
        ArgumentNullException.ThrowIfNull(json);
        var bytes = Encoding.UTF8.GetBytes(json.TrimEnd());
        if (bytes.Length < 2 || bytes[^1] != (byte)'}' || length < bytes.Length)
        {
            throw new ArgumentException("Must be a JSON object no longer than the length asked for.", nameof(json));
        }

        head = bytes[..^1];
        Length = length;
    }

    public override long Length { get; }

    public override bool CanRead => true;

    // Not seekable: HttpClient then sends it as it reads it, and without a Content-Length it sends it chunked.
    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Position { get => position; set => throw new NotSupportedException(); }

    /// <summary>The padded object as a request body: with its Content-Length, or chunked without one.</summary>
    public static HttpContent Content(string json, long length, bool chunked)
    {
        var content = new StreamContent(new PaddedJsonStream(json, length), 64 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!chunked)
        {
            content.Headers.ContentLength = length;
        }

        return content;
    }

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, Length - position);
        for (var i = 0; i < count; i++, position++)
        {
            buffer[i] = position < head.Length ? head[position] : position == Length - 1 ? (byte)'}' : (byte)' ';
        }

        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
