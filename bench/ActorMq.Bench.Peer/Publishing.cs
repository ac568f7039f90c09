using ActorMq.Client;

namespace ActorMq.Bench.Peer;

/// <summary>
/// How a scenario's publisher sends to one queue (<c>--publish</c>): frames of a stream of the queue of its own
/// (<see cref="MessageStream"/>, as the peer's producer has an AMQP channel on a connection of its own), or one request
/// per publish through the client (<c>request</c>, and always over Akka).
/// </summary>
internal sealed class Publishing : IAsyncDisposable
{
    private readonly IActorMqClient _client;
    private readonly string _queue;
    private readonly MessageStream? _stream;

    private Publishing(IActorMqClient client, string queue, MessageStream? stream)
    {
        _client = client;
        _queue = queue;
        _stream = stream;
    }

    /// <summary>Opens the way to publish to <paramref name="queue"/> that the options ask for.</summary>
    public static async Task<Publishing> OpenAsync(BenchContext context, string queue, CancellationToken cancellationToken) =>
        new(context.Client, queue, context.Options.PublishesOnStreams
            ? await ((ActorMqHttpClient)context.Client).OpenStreamAsync(queue, cancellationToken: cancellationToken)
            : null);

    public Task<PublishResult> PublishAsync(PublishMessage message, CancellationToken cancellationToken) =>
        _stream?.PublishAsync(message, cancellationToken) ?? _client.PublishAsync(_queue, message, cancellationToken);

    public Task<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken) =>
        _stream?.PublishBatchAsync(messages, cancellationToken) ?? _client.PublishBatchAsync(_queue, messages, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }
}
