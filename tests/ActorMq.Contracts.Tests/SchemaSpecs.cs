using System.Reflection;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.Contracts.Serialization;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

/// <summary>
/// Guards the serializer against the types it writes changing under it: every concrete message, command, reply and
/// event has a sample (so a round trip runs for it), every enum value appears, and every type's members are the ones
/// the format knows. When one of these fails, teach the codec the change (and, for a persisted type whose shape
/// changed, bump <see cref="ActorMqSerializer.FormatVersion"/> and keep reading the older versions).
/// </summary>
public sealed class SchemaSpecs
{
    /// <summary>The settable members of every type on the wire, as the format (version 2) writes them.</summary>
    private static readonly Dictionary<Type, string[]> Members = new()
    {
        [typeof(QueueRequest)] = ["Queue", "Command", "Wait"],
        [typeof(QueueResponse)] = ["Reply", "Error"],
        [typeof(TransferBatch)] = ["Queue", "SourceQueue", "Messages"],
        [typeof(TransfersStored)] = ["SourceQueue", "Queue", "TransferIds"],
        [typeof(Redriven)] = ["Moved"],
        [typeof(GetQueue)] = ["Queue"],
        [typeof(GetMessage)] = ["Queue", "Id"],
        [typeof(BrowseMessages)] = ["Queue", "State", "Limit", "After"],
        [typeof(ListQueues)] = [],
        [typeof(QueueList)] = ["Queues"],
        [typeof(QueueEventBatch)] = ["Events"],
        [typeof(QueueSnapshotRecord)] = ["Snapshot"],
        [typeof(CatalogChanged)] = ["Queue", "Exists"],
        [typeof(CatalogRecorded)] = ["Queue", "Exists"],
        [typeof(CatalogSnapshot)] = ["Queues"],
        [typeof(QueueFound)] = ["Queue"],
        [typeof(MessageFound)] = ["Message"],
        [typeof(MessagesBrowsed)] = ["Page"],

        [typeof(ConfigureQueue)] = ["Settings"],
        [typeof(DeleteQueue)] = [],
        [typeof(Publish)] = ["Messages", "AutoCreate", "IsBatch"],
        [typeof(Receive)] = ["Max", "VisibilityTimeout"],
        [typeof(Pop)] = ["Max"],
        [typeof(Ack)] = ["Leases"],
        [typeof(Nack)] = ["Id", "Token", "Delay", "DeadLetter"],
        [typeof(Extend)] = ["Id", "Token", "VisibilityTimeout"],
        [typeof(EditMessage)] = ["Id", "Patch", "IfMatch"],
        [typeof(CancelMessage)] = ["Id", "IfMatch"],
        [typeof(Purge)] = [],
        [typeof(Tick)] = [],
        [typeof(SweepExpired)] = [],
        [typeof(AcceptTransfers)] = ["Messages"],
        [typeof(ConfirmTransfers)] = ["TransferIds"],
        [typeof(Redrive)] = ["To", "Max"],
        [typeof(PublishRequest)] = ["Id", "Body", "ContentType", "Headers", "Priority", "DeliverAt", "Delay", "Ttl", "DedupId"],
        [typeof(MessagePatch)] = ["DeliverAt", "Delay", "Priority", "Body", "ContentType", "Headers"],
        [typeof(LeaseRef)] = ["Id", "Token"],

        [typeof(QueueConfiguredReply)] = ["Created", "Queue"],
        [typeof(QueueDeletedReply)] = [],
        [typeof(Published)] = ["Results"],
        [typeof(PublishResult)] = ["Id", "State", "DeliverAt", "Duplicate"],
        [typeof(Delivered)] = ["Messages"],
        [typeof(Acked)] = ["Results"],
        [typeof(AckResult)] = ["Id", "Error"],
        [typeof(Done)] = [],
        [typeof(Extended)] = ["ExpiresAt"],
        [typeof(Edited)] = ["Message"],
        [typeof(Removed)] = ["Count"],
        [typeof(TransfersAccepted)] = ["Accepted", "Duplicates"],
        [typeof(RedriveStarted)] = ["Transfers"],
        [typeof(BrowsePage)] = ["Messages", "Next"],
        [typeof(QueueError)] = ["Kind", "Field", "Detail"],

        [typeof(QueueConfigured)] = ["Settings", "Created", "At"],
        [typeof(QueueDeleted)] = ["At"],
        [typeof(MessagePublished)] = ["Id", "Seq", "Body", "ContentType", "Headers", "Priority", "PublishedAt", "DeliverAt", "Ttl", "DedupId", "TransferId"],
        [typeof(MessageReady)] = ["Id"],
        [typeof(MessageLeased)] = ["Id", "Token", "ExpiresAt", "At"],
        [typeof(MessageAcked)] = ["Id"],
        [typeof(MessagePopped)] = ["Id", "At"],
        [typeof(LeaseReleased)] = ["Id", "DelayedUntil"],
        [typeof(LeaseExtended)] = ["Id", "ExpiresAt"],
        [typeof(MessageDeadLettered)] = ["Id", "Reason", "At", "TargetQueue", "TransferId"],
        [typeof(MessageExpired)] = ["Id", "At"],
        [typeof(MessageRedriven)] = ["Id", "TargetQueue", "TransferId"],
        [typeof(MessageEdited)] = ["Id", "Priority", "Body", "ContentType", "Headers", "DeliverAt", "State"],
        [typeof(MessageCancelled)] = ["Id"],
        [typeof(QueuePurged)] = ["At"],
        [typeof(TransferConfirmed)] = ["TransferId"],
        [typeof(BucketOpened)] = ["Bucket"],
        [typeof(MessagesParked)] = ["Bucket", "Ids"],
        [typeof(MessageUnparked)] = ["Id", "Body", "Headers"],
        [typeof(BucketClosed)] = ["Bucket"],

        [typeof(EntriesParked)] = ["Messages"],
        [typeof(EntriesFired)] = ["Messages"],
        [typeof(ParkedRef)] = ["Id", "Version"],
        [typeof(ParkMessages)] = ["Queue", "Bucket", "Messages"],
        [typeof(WakeBucket)] = ["Queue", "Bucket"],
        [typeof(ConfirmFired)] = ["Queue", "Bucket", "Messages"],
        [typeof(FetchParked)] = ["Queue", "Bucket", "Ids"],
        [typeof(ParkedFound)] = ["Bucket", "Messages"],
        [typeof(BucketStored)] = ["Queue", "Bucket", "Messages"],
        [typeof(BucketFiring)] = ["Queue", "Bucket", "Messages"],
        [typeof(BucketEmpty)] = ["Queue", "Bucket"],

        [typeof(QueueSnapshot)] = ["Name", "Exists", "CreatedAt", "Settings", "Totals", "NextSeq", "NextLeaseSeq", "NextTransferSeq", "Messages", "Dedup", "Outbox", "Buckets"],
        [typeof(QueueSettings)] = ["VisibilityTimeout", "MaxReceives", "DeadLetterQueue", "RetryDelay", "MessageTtl", "DeadLetterExpired", "DefaultPriority", "DedupWindow", "MaxMessageBytes", "MaxDepth"],
        [typeof(QueueInfo)] = ["Name", "Settings", "Counts", "Totals"],
        [typeof(QueueCounts)] = ["Ready", "Scheduled", "Delayed", "Inflight"],
        [typeof(QueueTotals)] = ["Published", "Delivered", "Acked", "DeadLettered", "Expired"],
        [typeof(StoredMessage)] = ["Id", "Seq", "Body", "ContentType", "Headers", "Priority", "PublishedAt", "DeliverAt", "Ttl", "DedupId", "State", "ReceiveCount", "FirstReceivedAt", "Lease", "DelayedUntil", "Version", "ParkedIn"],
        [typeof(Lease)] = ["Token", "ExpiresAt"],
        [typeof(DedupEntry)] = ["Key", "MessageId", "ExpiresAt", "State", "DeliverAt"],
        [typeof(TransferMessage)] = ["TransferId", "Reason", "Id", "Body", "ContentType", "Headers", "Priority"],
        [typeof(OutboundTransfer)] = ["TargetQueue", "Message"],
    };

    /// <summary>
    /// Commands and replies a queue runs on itself and never sends: they have no wire format, and a message holding one
    /// fails to serialize at the sender.
    /// </summary>
    private static readonly Type[] LocalOnly = [typeof(StartParking), typeof(ConfirmParked), typeof(Unpark), typeof(CloseBucket), typeof(ParkingStarted)];

    /// <summary>Enums on the wire and the values the format (version 2) maps.</summary>
    private static readonly Dictionary<Type, string[]> EnumValues = new()
    {
        [typeof(MessageState)] = ["Scheduled", "Ready", "Inflight", "Delayed"],
        [typeof(TransferReason)] = ["MaxReceives", "Nack", "Expired", "Redrive"],
        [typeof(ErrorKind)] = ["Invalid", "NotFound", "StaleLease", "Conflict", "PreconditionFailed", "TooLarge", "DepthExceeded", "Unavailable"],
    };

    public static TheoryData<Type> WireTypes => [.. Members.Keys];

    private static IEnumerable<Type> ConcreteTypes => typeof(QueueCommand).Assembly.GetTypes()
        .Concat(typeof(IActorMqMessage).Assembly.GetTypes())
        .Where(t => t is { IsAbstract: false, IsInterface: false, IsPublic: true });

    [Fact]
    public void Every_concrete_message_command_reply_and_event_must_have_a_known_format()
    {
        var roots = new[] { typeof(IActorMqMessage), typeof(QueueCommand), typeof(QueueReply), typeof(IQueueEvent), typeof(IScheduleEvent) };
        var missing = ConcreteTypes
            .Where(t => roots.Any(root => root.IsAssignableFrom(t)) && !LocalOnly.Contains(t))
            .Where(t => !Members.ContainsKey(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(missing.Count == 0, $"types with no wire format: {string.Join(", ", missing)}. Add them to the codec, the samples and {nameof(Members)}.");
    }

    [Fact]
    public void Every_type_and_every_enum_value_on_the_wire_must_appear_in_the_samples()
    {
        var seen = Samples.All.Values.SelectMany(Deep.Walk).ToList();
        var seenTypes = seen.Select(o => o.GetType()).ToHashSet();

        var missingTypes = Members.Keys.Where(t => !seenTypes.Contains(t)).Select(t => t.Name).ToList();
        var missingValues = EnumValues.Keys
            .SelectMany(e => Enum.GetValues(e).Cast<Enum>())
            .Where(v => !seen.Contains(v))
            .Select(v => $"{v.GetType().Name}.{v}")
            .ToList();

        Assert.True(missingTypes.Count == 0, $"no sample holds: {string.Join(", ", missingTypes)}");
        Assert.True(missingValues.Count == 0, $"no sample holds: {string.Join(", ", missingValues)}");
    }

    [Theory]
    [MemberData(nameof(WireTypes))]
    public void A_type_on_the_wire_must_have_exactly_the_members_its_format_writes(Type type)
    {
        var actual = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Select(p => p.Name)
            .ToHashSet();
        var expected = Members[type].ToHashSet();

        var added = actual.Except(expected).ToList();
        var removed = expected.Except(actual).ToList();
        Assert.True(
            added.Count == 0 && removed.Count == 0,
            $"{type.Name} changed: added [{string.Join(", ", added)}], removed [{string.Join(", ", removed)}]. Update its codec in ActorMq.Contracts/Serialization "
            + "(a new format version if it is persisted), its samples, and this list.");
    }

    [Fact]
    public void Every_enum_on_the_wire_must_have_exactly_the_values_its_format_maps()
    {
        foreach (var (type, values) in EnumValues)
        {
            Assert.Equal(values.Order(StringComparer.Ordinal), Enum.GetNames(type).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Manifests_must_be_short_and_distinct()
    {
        var manifests = typeof(ActorMqManifests).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(45, manifests.Count);
        Assert.Equal(manifests.Count, manifests.Distinct(StringComparer.Ordinal).Count());
        Assert.All(manifests, m => Assert.InRange(m.Length, 1, 3));
    }

    [Fact]
    public void Tags_must_be_distinct_and_never_zero_within_each_family()
    {
        foreach (var family in typeof(WireTags).GetNestedTypes(BindingFlags.Public))
        {
            var tags = family.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (byte)f.GetRawConstantValue()!).ToList();

            Assert.DoesNotContain((byte)0, tags);
            Assert.Equal(tags.Count, tags.Distinct().Count());
        }
    }
}
