using ActorMq.Cluster.Gateway;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Gateway;

/// <summary>
/// <see cref="InlineAsk"/>: the code awaiting the answer runs inside the answering actor's Tell (not on a pool thread
/// woken later), an unanswered ask ends with null after its timeout, and the answer's temporary address is registered
/// only while the ask is out.
/// </summary>
public sealed class InlineAskSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit("akka.actor.provider = local", output: output)
{
    [Fact]
    public async Task The_awaiting_code_must_have_run_when_the_answering_tell_returns()
    {
        var awaited = new TaskCompletionSource();
        var responder = Sys.ActorOf(Props.Create(() => new Responder(awaited.Task, TestActor)));

        async Task AwaitAnswer()
        {
            // ConfigureAwait(false): as in the node, no synchronization context to post the continuation to.
            Assert.Equal("pong", await InlineAsk.AskAsync(Sys, responder, "ping", TimeSpan.FromSeconds(10)).ConfigureAwait(false));
            awaited.SetResult();
        }

        // Answered only once the asker awaits: an answer that came first would find the task already completed, and
        // the asker's code would then run on this thread after the Tell, whatever InlineAsk does.
        var asking = AwaitAnswer();
        responder.Tell(Responder.Answer.Now);
        await asking;

        Assert.True((await ExpectMsgAsync<Responder.Report>()).AwaitedBeforeTellReturned);
    }

    [Fact]
    public async Task An_unanswered_ask_must_end_with_null_after_its_timeout()
    {
        var silent = CreateTestProbe();

        var answer = await InlineAsk.AskAsync(Sys, silent.Ref, "ping", TimeSpan.FromMilliseconds(200));

        Assert.Null(answer);
        silent.ExpectMsg("ping");
    }

    [Fact]
    public async Task The_answer_address_must_resolve_only_while_the_ask_is_out()
    {
        var asked = CreateTestProbe();
        var provider = ((ExtendedActorSystem)Sys).Provider;

        var answer = InlineAsk.AskAsync(Sys, asked.Ref, "ping", TimeSpan.FromSeconds(10));
        asked.ExpectMsg("ping");
        var address = asked.LastSender;
        Assert.Same(address, provider.TempContainer.GetChild([address.Path.Name]));
        asked.Reply("pong");
        Assert.Equal("pong", await answer);

        Assert.IsType<Nobody>(provider.TempContainer.GetChild([address.Path.Name]));
    }

    /// <summary>
    /// Answers a ping with "pong" when told <see cref="Answer.Now"/>, then tells <c>reportTo</c> whether the asker's code
    /// had run by the time its Tell returned.
    /// </summary>
    private sealed class Responder : ReceiveActor
    {
        public Responder(Task awaited, IActorRef reportTo)
        {
            IActorRef? asker = null;
            Receive<string>(_ => asker = Sender);
            Receive<Answer>(_ =>
            {
                asker!.Tell("pong");
                // The awaiting spec completes `awaited` right after its await; with the continuation run inline, that
                // happened inside the Tell above.
                reportTo.Tell(new Report(awaited.IsCompleted));
            });
        }

        public sealed record Report(bool AwaitedBeforeTellReturned);

        public sealed class Answer
        {
            public static readonly Answer Now = new();
        }
    }
}
