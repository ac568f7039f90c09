namespace ActorMq.Engine;

/// <summary>A fact about one schedule bucket: what its journal holds.</summary>
public interface IScheduleEvent;

/// <summary>The bucket stored these messages (each replacing an older version of itself).</summary>
public sealed record EntriesParked(IReadOnlyList<StoredMessage> Messages) : IScheduleEvent;

/// <summary>The queue took these messages back: the bucket drops them, each if it still holds that version.</summary>
public sealed record EntriesFired(IReadOnlyList<ParkedRef> Messages) : IScheduleEvent;

/// <summary>
/// The messages one schedule bucket holds for its queue: whole scheduled messages, keyed by id, the highest version of
/// each. Decides which parks and fires change anything (so retries write nothing) and applies its events.
/// </summary>
public sealed class ScheduleBucketState
{
    private readonly Dictionary<string, StoredMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>How many messages the bucket holds.</summary>
    public int Count => _messages.Count;

    /// <summary>Every message the bucket holds, in no particular order.</summary>
    public IReadOnlyCollection<StoredMessage> Messages => _messages.Values;

    /// <summary>The event that stores <paramref name="messages"/>, or null when the bucket holds each at that version or later.</summary>
    public EntriesParked? Park(IReadOnlyList<StoredMessage> messages)
    {
        var newer = messages.Where(m => !_messages.TryGetValue(m.Id, out var held) || held.Version < m.Version).ToList();
        return newer.Count == 0 ? null : new EntriesParked(newer);
    }

    /// <summary>The event that drops what the queue took back, or null when the bucket holds none of it.</summary>
    public EntriesFired? Fire(IReadOnlyList<ParkedRef> taken)
    {
        var held = taken.Where(r => _messages.TryGetValue(r.Id, out var m) && m.Version == r.Version).Distinct().ToList();
        return held.Count == 0 ? null : new EntriesFired(held);
    }

    /// <summary>The messages with these ids that the bucket holds.</summary>
    public IReadOnlyList<StoredMessage> Find(IEnumerable<string> ids) =>
        ids.Select(id => _messages.GetValueOrDefault(id)).OfType<StoredMessage>().ToList();

    /// <summary>Applies one event.</summary>
    public void Apply(IScheduleEvent e)
    {
        switch (e)
        {
            case EntriesParked p:
                foreach (var m in p.Messages)
                {
                    if (!_messages.TryGetValue(m.Id, out var held) || held.Version < m.Version)
                    {
                        _messages[m.Id] = m;
                    }
                }

                break;
            case EntriesFired f:
                foreach (var r in f.Messages)
                {
                    if (_messages.TryGetValue(r.Id, out var held) && held.Version == r.Version)
                    {
                        _messages.Remove(r.Id);
                    }
                }

                break;
            default:
                throw new ArgumentException($"unknown schedule event {e.GetType().Name}", nameof(e));
        }
    }
}
