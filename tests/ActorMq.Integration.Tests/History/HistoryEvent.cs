using System.Globalization;

namespace ActorMq.Integration.Tests.History;

/// <summary>
/// One entry of an <see cref="OperationHistory"/>: the invocation or the completion of operation <see cref="Op"/> by
/// client process <see cref="Process"/>, at <see cref="At"/> (this machine's clock, which the nodes on 127.0.0.1
/// share). The members that do not apply to an entry are null.
/// </summary>
/// <param name="Index">The entry's position in the history.</param>
/// <param name="Op">The operation's number; its invocation and completion share it.</param>
/// <param name="Process">The client process (a publisher or consumer task) that ran it.</param>
/// <param name="Type">Invoke, or how it completed.</param>
/// <param name="Kind">Publish, receive or ack.</param>
/// <param name="Queue">The queue.</param>
/// <param name="At">When the request was sent (invoke) or its outcome known (completion).</param>
public sealed record HistoryEvent(long Index, long Op, int Process, EventType Type, OperationKind Kind, string Queue, DateTimeOffset At)
{
    /// <summary>The node the request went to (invoke).</summary>
    public int? Node { get; init; }

    /// <summary>The message published (publish invoke: the client id; ok: the id answered) or acked.</summary>
    public string? MessageId { get; init; }

    /// <summary>The lease token an ack presents.</summary>
    public string? Token { get; init; }

    /// <summary>The deliverAt a publish asked for; null for a message ready at once.</summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>A publish answered 200 <c>duplicate: true</c>: an earlier attempt had stored the message.</summary>
    public bool Duplicate { get; init; }

    /// <summary>The messages a successful receive leased.</summary>
    public IReadOnlyList<Delivery> Deliveries { get; init; } = [];

    /// <summary>Why an operation failed or ended unknown.</summary>
    public string? Error { get; init; }

    /// <summary>The time of day with milliseconds, UTC.</summary>
    public static string Clock(DateTimeOffset instant) => instant.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>One line, after Jepsen: index, process, type, operation and its values.</summary>
    public override string ToString()
    {
        var line = $"{Index,6} {Clock(At)} p{Process,-3} op{Op,-6} :{Type.ToString().ToLowerInvariant(),-6} :{Kind.ToString().ToLowerInvariant(),-7} {Queue}";
        if (Node is { } node)
        {
            line += $" node{node}";
        }

        if (MessageId is not null)
        {
            line += $" id={MessageId}";
        }

        if (Token is not null)
        {
            line += $" lease={Token}";
        }

        if (DeliverAt is { } due)
        {
            line += $" due={Clock(due)}";
        }

        if (Duplicate)
        {
            line += " duplicate";
        }

        if (Deliveries.Count > 0)
        {
            line += $" [{string.Join("; ", Deliveries)}]";
        }
        else if (Type == EventType.Ok && Kind == OperationKind.Receive)
        {
            line += " []";
        }

        if (Error is not null)
        {
            line += $" error: {Error}";
        }

        return line;
    }
}
