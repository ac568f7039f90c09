namespace ActorMq.Engine.Tests.Properties;

/// <summary>Content equality of decisions and replies (their lists compare element by element).</summary>
internal static class Same
{
    public static bool Decision(Decision a, Decision b) =>
        a.Events.SequenceEqual(b.Events) && Equals(a.Error, b.Error) && Reply(a.Reply, b.Reply);

    public static bool Reply(QueueReply? a, QueueReply? b) => (a, b) switch
    {
        (null, null) => true,
        (Delivered x, Delivered y) => x.Messages.SequenceEqual(y.Messages),
        (Published x, Published y) => x.Results.SequenceEqual(y.Results),
        (Acked x, Acked y) => x.Results.SequenceEqual(y.Results),
        (RedriveStarted x, RedriveStarted y) => x.Transfers.SequenceEqual(y.Transfers),
        _ => Equals(a, b),
    };

    /// <summary>The first difference between two snapshots, for a readable failure; null when equal.</summary>
    public static string? Difference(QueueSnapshot expected, QueueSnapshot actual)
    {
        if (expected.Equals(actual))
        {
            return null;
        }

        var scalars = new (string Name, object? A, object? B)[]
        {
            ("Exists", expected.Exists, actual.Exists),
            ("CreatedAt", expected.CreatedAt, actual.CreatedAt),
            ("Settings", expected.Settings, actual.Settings),
            ("Totals", expected.Totals, actual.Totals),
            ("NextSeq", expected.NextSeq, actual.NextSeq),
            ("NextLeaseSeq", expected.NextLeaseSeq, actual.NextLeaseSeq),
            ("NextTransferSeq", expected.NextTransferSeq, actual.NextTransferSeq),
        };
        foreach (var (name, a, b) in scalars)
        {
            if (!Equals(a, b))
            {
                return $"{name}: {a} vs {b}";
            }
        }

        if (List(expected.Messages, actual.Messages) is { } messages)
        {
            return "Messages: " + messages;
        }

        if (List(expected.Dedup, actual.Dedup) is { } dedup)
        {
            return "Dedup: " + dedup;
        }

        return List(expected.Outbox, actual.Outbox) is { } outbox ? "Outbox: " + outbox : "snapshots differ";
    }

    private static string? List<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (!Equals(a[i], b[i]))
            {
                return $"[{i}] {a[i]} vs {b[i]}";
            }
        }

        return a.Count == b.Count ? null : $"{a.Count} entries vs {b.Count}";
    }
}
