using System.Text;
using ActorMq.Engine;

namespace ActorMq.Node.Tests;

/// <summary>Helpers: request bodies from text, response bytes as text, and the refusal a call throws.</summary>
internal static class Json
{
    public static ReadOnlyMemory<byte> Body(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    public static QueueError Refusal(Action read) => Assert.Throws<QueueErrorException>(read).Error;

    public static QueueError Invalid(Action read, string? field)
    {
        var error = Refusal(read);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(field, error.Field);
        return error;
    }
}
