using System.Buffers.Binary;
using System.Net.Sockets;

namespace SolarFleet.Simulator.Tests.Support;

/// <summary>Reads Linux TCP_INFO to count data segments a socket has received (how the peer wrote, not just what).</summary>
internal static class TcpSegments
{
    private const int SolTcp = 6;
    private const int TcpInfo = 11;

    /// <summary>Offset of <c>tcpi_data_segs_in</c> in <c>struct tcp_info</c> (Linux 4.6 and later).</summary>
    private const int DataSegmentsInOffset = 152;

    public static long DataSegmentsReceived(Socket socket)
    {
        Span<byte> info = stackalloc byte[232];
        var length = socket.GetRawSocketOption(SolTcp, TcpInfo, info);
        Assert.True(length >= DataSegmentsInOffset + 4, "The kernel's tcp_info is too old to count data segments.");
        return BinaryPrimitives.ReadUInt32LittleEndian(info[DataSegmentsInOffset..]);
    }
}
