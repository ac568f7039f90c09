using ActorMq.Cluster.Hosting;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Hosting;

/// <summary>
/// The dispatcher reference.conf gives the shard regions and shards (<c>akka.cluster.sharding.use-dispatcher</c>): a
/// message is handled inside the Tell that sends it, and a backlog sent from the actor itself is drained in that run.
/// </summary>
public sealed class InlineDispatcherSpecs(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(ActorMqConfig.FromDefaults(Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = local")).Config, output: output)
{
    private string ShardingDispatcher => Sys.Settings.Config.GetString("akka.cluster.sharding.use-dispatcher");

    [Fact]
    public async Task The_sharding_dispatcher_must_be_the_inline_one()
    {
        var counter = await StartCounterAsync();

        Assert.IsType<InlineDispatcher>(Sys.Dispatchers.Lookup(ShardingDispatcher));
        var before = Counter.Handled.Value;
        counter.Tell(1);
        Assert.Equal(before + 1, Counter.Handled.Value);
    }

    [Fact]
    public async Task A_message_must_be_handled_before_the_tell_that_sends_it_returns_even_after_a_long_backlog()
    {
        // 50,000 messages the actor sends itself while it runs: one run drains them, on this thread, without nesting.
        var counter = await StartCounterAsync();

        var before = Counter.Handled.Value;
        counter.Tell(50_000);

        Assert.Equal(before + 50_000, Counter.Handled.Value);
    }

    /// <summary>
    /// A counter on the sharding dispatcher, once started: until then a top-level actor's messages wait for its start on
    /// another thread (a region's shards and entities are children, started at once).
    /// </summary>
    private async Task<IActorRef> StartCounterAsync()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter()).WithDispatcher(ShardingDispatcher));
        await counter.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
        return counter;
    }

    /// <summary>
    /// Counts the messages it handles, per thread (a spec reads the count before and after its Tell, with no await
    /// between: after an await it may be on another thread); a message n &gt; 1 sends itself n - 1 more.
    /// </summary>
    private sealed class Counter : ReceiveActor
    {
        public static readonly ThreadLocal<int> Handled = new(() => 0);

        public Counter()
        {
            Receive<int>(n =>
            {
                Handled.Value++;
                if (n > 1)
                {
                    Self.Tell(n - 1);
                }
            });
        }
    }
}
