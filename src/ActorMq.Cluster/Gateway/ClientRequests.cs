using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;

namespace ActorMq.Cluster.Gateway;

/// <summary>
/// What a client of the Akka transport may ask, checked before it reaches a queue: the requests of the HTTP API and
/// nothing of the cluster's own protocol (transfers, ticks, parking). Names are checked as the HTTP routes check them
/// (field <c>queue</c>, <c>id</c>), long polls are bounded as <c>waitSeconds</c> is, and a publish gets the node's
/// auto-create setting whatever the client said. Pure: no actor, no clock.
/// </summary>
public static class ClientRequests
{
    /// <summary>
    /// The request to forward to the queue region, or the error to answer at once (<paramref name="forward"/> is then
    /// null).
    /// </summary>
    /// <param name="message">What the client sent.</param>
    /// <param name="autoCreateQueues">The node's auto-create setting (DESIGN.md section 1).</param>
    /// <param name="forward">The request to forward: <paramref name="message"/>, or a publish with the node's auto-create.</param>
    public static QueueError? Check(IQueueMessage message, bool autoCreateQueues, out IQueueMessage? forward)
    {
        forward = null;
        if (QueueName.Validate(message.Queue, "queue") is { } nameError)
        {
            return nameError;
        }

        var error = message switch
        {
            GetQueue => null,
            GetMessage get => MessageIds.Validate(get.Id, "id"),
            BrowseMessages => null,
            QueueRequest request => Check(request),
            _ => NotForClients(message.GetType().Name),
        };
        if (error is not null)
        {
            return error;
        }

        forward = message is QueueRequest { Command: Publish publish } r && publish.AutoCreate != autoCreateQueues
            ? r with { Command = publish with { AutoCreate = autoCreateQueues } }
            : message;
        return null;
    }

    private static QueueError? Check(QueueRequest request)
    {
        if (request.Wait != TimeSpan.Zero && (request.Command is not Receive || request.Wait < TimeSpan.Zero || request.Wait > Limits.MaxWait))
        {
            return new QueueError(
                ErrorKind.Invalid, "waitSeconds", $"'waitSeconds' must be from 0 to {Limits.MaxWait.TotalSeconds}; got {request.Wait.TotalSeconds}.");
        }

        return request.Command switch
        {
            ConfigureQueue or DeleteQueue or Publish or Receive or Pop or Ack or Purge or SweepExpired or Redrive => null,
            Nack nack => MessageIds.Validate(nack.Id, "id"),
            Extend extend => MessageIds.Validate(extend.Id, "id"),
            EditMessage edit => MessageIds.Validate(edit.Id, "id"),
            CancelMessage cancel => MessageIds.Validate(cancel.Id, "id"),
            _ => NotForClients(request.Command.GetType().Name),
        };
    }

    private static QueueError NotForClients(string what) =>
        new(ErrorKind.Invalid, null, $"{what} is part of the cluster's own protocol, not a client request.");
}
