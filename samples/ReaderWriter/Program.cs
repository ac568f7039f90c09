using System.Diagnostics;
using System.Globalization;
using ActorMq.Client;
using ReaderWriter;

// Copies a file through an ActorMq queue over the client's Akka transport, producer and consumer at once:
//   dotnet run --project samples/ReaderWriter -- --input big.txt --output copy.txt --contact akka.tcp://actormq@127.0.0.1:4053
CopyOptions options;
try
{
    options = CopyOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ReaderWriter: {e.Message}\n{CopyOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

await using var client = new ActorMqAkkaClient(new ActorMqAkkaClientOptions { ContactPoints = options.ContactPoints });
await client.CreateOrUpdateQueueAsync(options.Queue, new QueueSettings { VisibilityTimeout = TimeSpan.FromMinutes(5), MaxReceives = 0 }, cancel.Token);

var clock = Stopwatch.StartNew();
var producer = new LineProducer(client, options.Queue, options.BatchSize).RunAsync(options.Input, cancel.Token);
var consumer = new LineConsumer(client, options.Queue, options.BatchSize).RunAsync(options.Output, cancel.Token);
try
{
    // If either side fails, the other stops too.
    await Task.WhenAny(producer, consumer);
    if (producer.IsFaulted || consumer.IsFaulted)
    {
        await cancel.CancelAsync();
    }

    var (sent, written) = (await producer, await consumer);
    var bytes = new FileInfo(options.Output).Length;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"copied {options.Input} to {options.Output} through queue {options.Queue}: {written} lines of {sent} published, {bytes} bytes in {clock.Elapsed.TotalSeconds:0.00} s ({bytes / 1e6 / clock.Elapsed.TotalSeconds:0.0} MB/s)"));
}
catch (Exception e) when (e is ActorMqException or IOException or OperationCanceledException)
{
    Console.Error.WriteLine($"ReaderWriter: {e.Message}");
    return 1;
}
finally
{
    if (!options.KeepQueue)
    {
        try
        {
            await client.DeleteQueueAsync(options.Queue, CancellationToken.None);
        }
        catch (ActorMqException)
        {
            // Best effort: the copy's outcome is what counts.
        }
    }
}

return 0;
