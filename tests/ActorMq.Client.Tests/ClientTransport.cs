namespace ActorMq.Client.Tests;

/// <summary>Which transport of the client a spec runs over.</summary>
public enum ClientTransport
{
    /// <summary><see cref="ActorMqHttpClient"/>.</summary>
    Http,

    /// <summary><see cref="ActorMqAkkaClient"/> (its default transport, a direct actor reference).</summary>
    Akka,
}
