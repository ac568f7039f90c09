namespace ActorMq.Engine;

/// <summary>A fact about one schedule bucket: what its journal holds.</summary>
public interface IScheduleEvent;

/// <summary>The bucket stored these messages (each replacing an older version of itself).</summary>
public sealed record EntriesParked(IReadOnlyList<StoredMessage> Messages) : IScheduleEvent;

/// <summary>The queue took these messages back: the bucket drops them, each if it still holds that version.</summary>
public sealed record EntriesFired(IReadOnlyList<ParkedRef> Messages) : IScheduleEvent;

/// <summary>
/// Which messages one schedule bucket holds for its queue: the latest of each, by id, in a compact
/// <see cref="MessageTable{TValue}"/>. Only which one is kept in memory (its publish sequence number and version) — the
/// messages themselves stay in the bucket's journal until the bucket is woken or read. Decides which parks and fires
/// change anything (so retries write nothing) and applies its events.
/// </summary>
/// <remarks>
/// Latest means the highest (sequence number, version): a client id may be published again after its message was
/// cancelled, and that new message starts again at version 1 while the bucket may still hold the cancelled one.
/// </remarks>
public sealed class ScheduleBucketState
{
    private readonly MessageTable<Held> _versions = new();

    /// <summary>How many messages the bucket holds.</summary>
    public int Count => _versions.Count;

    /// <summary>True when the bucket holds message <paramref name="id"/> at all.</summary>
    public bool Holds(string id) => _versions.ContainsKey(MessageKey.Of(id));

    /// <summary>True when <paramref name="m"/> is the version of its message the bucket holds.</summary>
    public bool Holds(StoredMessage m) => _versions.TryGetValue(MessageKey.Of(m.Id), out var held) && held == Held.Of(m);

    /// <summary>The event that stores <paramref name="messages"/>, or null when the bucket holds each at that version or later.</summary>
    public EntriesParked? Park(IReadOnlyList<StoredMessage> messages)
    {
        var newer = messages.Where(m => !_versions.TryGetValue(MessageKey.Of(m.Id), out var held) || held.IsOlderThan(Held.Of(m))).ToList();
        return newer.Count == 0 ? null : new EntriesParked(newer);
    }

    /// <summary>The event that drops what the queue took back, or null when the bucket holds none of it.</summary>
    public EntriesFired? Fire(IReadOnlyList<ParkedRef> taken)
    {
        var held = taken.Where(r => _versions.TryGetValue(MessageKey.Of(r.Id), out var h) && h.Version == r.Version).Distinct().ToList();
        return held.Count == 0 ? null : new EntriesFired(held);
    }

    /// <summary>
    /// Of <paramref name="journal"/> (every message the bucket's journal holds, any version, in journal order), the
    /// versions the bucket holds now, one per message.
    /// </summary>
    public IReadOnlyList<StoredMessage> Current(IEnumerable<StoredMessage> journal)
    {
        var current = new Dictionary<string, StoredMessage>(StringComparer.Ordinal);
        foreach (var m in journal)
        {
            if (Holds(m))
            {
                current[m.Id] = m;
            }
        }

        return current.Values.ToList();
    }

    /// <summary>Applies one event.</summary>
    public void Apply(IScheduleEvent e)
    {
        switch (e)
        {
            case EntriesParked p:
                foreach (var m in p.Messages)
                {
                    var key = MessageKey.Of(m.Id);
                    if (!_versions.TryGetValue(key, out var held) || held.IsOlderThan(Held.Of(m)))
                    {
                        _versions.Set(key, Held.Of(m));
                    }
                }

                break;
            case EntriesFired f:
                foreach (var r in f.Messages)
                {
                    var key = MessageKey.Of(r.Id);
                    if (_versions.TryGetValue(key, out var held) && held.Version == r.Version)
                    {
                        _versions.Remove(key);
                    }
                }

                break;
            default:
                throw new ArgumentException($"unknown schedule event {e.GetType().Name}", nameof(e));
        }
    }

    /// <summary>Which message of an id the bucket holds: its publish sequence number, then its version.</summary>
    private readonly record struct Held(long Seq, long Version)
    {
        public static Held Of(StoredMessage m) => new(m.Seq, m.Version);

        public bool IsOlderThan(Held other) => Seq < other.Seq || (Seq == other.Seq && Version < other.Version);
    }
}
