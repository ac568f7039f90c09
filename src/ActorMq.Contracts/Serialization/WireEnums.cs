using System.Runtime.Serialization;
using ActorMq.Engine;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// Enums on the wire: one byte each, mapped value by value here rather than by the enum's numeric order, so members
/// can be reordered or inserted in the engine without changing stored data. Persisted: NEVER change or reuse a code.
/// </summary>
internal static class WireEnums
{
    public static void WriteMessageState(this PayloadWriter w, MessageState state) => w.WriteByte(state switch
    {
        MessageState.Scheduled => 1,
        MessageState.Ready => 2,
        MessageState.Inflight => 3,
        MessageState.Delayed => 4,
        _ => throw Unmapped(state),
    });

    public static MessageState ReadMessageState(this ref PayloadReader r) => r.ReadByte() switch
    {
        1 => MessageState.Scheduled,
        2 => MessageState.Ready,
        3 => MessageState.Inflight,
        4 => MessageState.Delayed,
        var code => throw r.Corrupt($"unknown MessageState code {code}"),
    };

    public static void WriteTransferReason(this PayloadWriter w, TransferReason reason) => w.WriteByte(reason switch
    {
        TransferReason.MaxReceives => 1,
        TransferReason.Nack => 2,
        TransferReason.Expired => 3,
        TransferReason.Redrive => 4,
        _ => throw Unmapped(reason),
    });

    public static TransferReason ReadTransferReason(this ref PayloadReader r) => r.ReadByte() switch
    {
        1 => TransferReason.MaxReceives,
        2 => TransferReason.Nack,
        3 => TransferReason.Expired,
        4 => TransferReason.Redrive,
        var code => throw r.Corrupt($"unknown TransferReason code {code}"),
    };

    public static void WriteErrorKind(this PayloadWriter w, ErrorKind kind) => w.WriteByte(kind switch
    {
        ErrorKind.Invalid => 1,
        ErrorKind.NotFound => 2,
        ErrorKind.StaleLease => 3,
        ErrorKind.Conflict => 4,
        ErrorKind.PreconditionFailed => 5,
        ErrorKind.TooLarge => 6,
        ErrorKind.DepthExceeded => 7,
        ErrorKind.Unavailable => 8,
        _ => throw Unmapped(kind),
    });

    public static ErrorKind ReadErrorKind(this ref PayloadReader r) => r.ReadByte() switch
    {
        1 => ErrorKind.Invalid,
        2 => ErrorKind.NotFound,
        3 => ErrorKind.StaleLease,
        4 => ErrorKind.Conflict,
        5 => ErrorKind.PreconditionFailed,
        6 => ErrorKind.TooLarge,
        7 => ErrorKind.DepthExceeded,
        8 => ErrorKind.Unavailable,
        var code => throw r.Corrupt($"unknown ErrorKind code {code}"),
    };

    private static SerializationException Unmapped<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        new($"{typeof(TEnum).Name}.{value} has no wire code; add one to {nameof(WireEnums)} (a new, unused byte).");
}
