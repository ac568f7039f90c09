using System.Net.Sockets;

namespace ActorMq.Bench.Floor;

/// <summary>The TCP echo's frame: one 8-byte sequence number.</summary>
internal static class Frame
{
    public const int Size = 8;

    /// <summary>Reads one whole frame; false when the connection closed.</summary>
    public static async Task<bool> ReadAsync(Socket socket, byte[] frame)
    {
        var read = 0;
        while (read < Size)
        {
            var n = await socket.ReceiveAsync(frame.AsMemory(read), SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
