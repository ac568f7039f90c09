using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary>The CLI tests that share one node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CliNodeCollection : ICollectionFixture<SharedNode>
{
    public const string Name = "CLI: shared node";
}

/// <summary>
/// Base of the tests on the shared node: actormq in this process (<see cref="RunAsync"/>) or as the built executable
/// (<see cref="RunProcessAsync"/>), both with <c>ACTORMQ_URL</c> naming the node; the .NET client and the raw API to
/// arrange and check; the node's log with each test's output. Each test uses queues of its own.
/// </summary>
[Collection(CliNodeCollection.Name)]
public abstract class CliSpecs(SharedNode shared, ITestOutputHelper output) : NodeSpecs(shared.Node, output)
{
    /// <summary>Generous bound of every wait: the machine may be busy.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected Uri Server => Node.BaseAddress;

    protected ActorMqHttpClient Client { get; } = new(shared.Node.Http);

    protected Api Api { get; } = new(shared.Node.Http);

    protected static string NewQueue(string prefix) => Api.NewQueue(prefix);

    /// <summary>actormq in this process.</summary>
    protected async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await Cli.RunAsync(Server, args);
        Output.WriteLine($"$ actormq {string.Join(' ', args)}\n{result}");
        return result;
    }

    /// <summary>actormq in this process, with standard input.</summary>
    protected async Task<CliResult> RunWithInputAsync(byte[] input, params string[] args)
    {
        var result = await Cli.RunAsync(Server, args, input);
        Output.WriteLine($"$ actormq {string.Join(' ', args)} < ({input.Length} bytes)\n{result}");
        return result;
    }

    /// <summary>The built executable.</summary>
    protected async Task<CliResult> RunProcessAsync(params string[] args)
    {
        var result = await CliProcess.RunAsync(Server, args);
        Output.WriteLine($"$ actormq {string.Join(' ', args)}   (process)\n{result}");
        return result;
    }

    /// <summary>True when the queue exists.</summary>
    protected async Task<bool> ExistsAsync(string queue)
    {
        try
        {
            await Client.GetQueueAsync(queue);
            return true;
        }
        catch (QueueNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A queue with default settings.</summary>
    protected async Task<string> QueueAsync(string prefix, QueueSettings? settings = null)
    {
        var queue = NewQueue(prefix);
        await Client.CreateOrUpdateQueueAsync(queue, settings);
        return queue;
    }
}
