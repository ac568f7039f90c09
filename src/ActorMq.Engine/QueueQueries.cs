using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ActorMq.Engine;

/// <summary>One page of a browse, and the cursor of the next page when there is one.</summary>
public sealed record BrowsePage(IReadOnlyList<StoredMessage> Messages, string? Next);

/// <summary>Reads of a queue's state. None of them changes anything.</summary>
public static class QueueQueries
{
    /// <summary>Most messages one browse page returns.</summary>
    public const int MaxBrowseLimit = 1000;

    /// <summary>Settings, counts and totals of an existing queue.</summary>
    public static QueueInfo Info(QueueState state) => new(state.Name, state.Settings, state.Counts, state.Totals);

    /// <summary>
    /// Messages in <paramref name="state"/>, in delivery order (ready: priority then publish order; scheduled: by
    /// deliverAt; delayed: by when they become ready; in flight: by lease expiry), after the cursor <paramref name="after"/>.
    /// </summary>
    public static QueueError? Browse(QueueState queue, MessageState state, int limit, string? after, out BrowsePage? page)
    {
        page = null;
        if (!queue.Exists)
        {
            return QueueError.QueueNotFound(queue.Name);
        }

        if (limit is < 1 or > MaxBrowseLimit)
        {
            return QueueError.Invalid("limit", $"'limit' must be 1-{MaxBrowseLimit}; got {limit}.");
        }

        Slot? last = null;
        if (after is not null)
        {
            if (!TryDecodeCursor(after, state, out var cursor))
            {
                return QueueError.Invalid("after", $"'after' is not a cursor of a browse of {state.ToString().ToLowerInvariant()} messages; pass the 'next' value of the previous page.");
            }

            last = cursor;
        }

        var messages = new List<StoredMessage>(Math.Min(limit, 64));
        string? next = null;
        foreach (var slot in queue.InOrder(state, last, limit + 1))
        {
            if (messages.Count == limit)
            {
                next = EncodeCursor(state, Slot.Of(messages[^1]));
                break;
            }

            messages.Add(queue.Find(slot.Id)!);
        }

        page = new BrowsePage(messages, next);
        return null;
    }

    private static string EncodeCursor(MessageState state, Slot slot) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{(int)state}.{slot.Key}.{slot.Seq}")));

    private static bool TryDecodeCursor(string cursor, MessageState state, out Slot slot)
    {
        slot = default;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('.');
            if (parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s == (int)state
                && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            {
                slot = new Slot(key, seq, "");
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
