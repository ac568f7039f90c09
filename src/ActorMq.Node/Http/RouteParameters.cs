using ActorMq.Engine;

namespace ActorMq.Node.Http;

/// <summary>Checks of the names in a route, made before anything is sent to a queue.</summary>
internal static class RouteParameters
{
    /// <summary>A queue name from the route; the error names the field <c>queue</c>.</summary>
    /// <exception cref="QueueErrorException">Not a valid queue name (400).</exception>
    public static string Queue(string queue) =>
        QueueName.Validate(queue, "queue") is { } error ? throw new QueueErrorException(error) : queue;

    /// <summary>A message id from the route; the error names the field <c>id</c>.</summary>
    /// <exception cref="QueueErrorException">Not a valid message id (400).</exception>
    public static string MessageId(string id) =>
        MessageIds.Validate(id, "id") is { } error ? throw new QueueErrorException(error) : id;
}
