namespace ActorMq.Cli;

/// <summary>The exit codes of <c>actormq</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The server answered with an error (its detail is printed), or its answer could not be used.</summary>
    public const int ServerError = 1;

    /// <summary>A bad command line or value, refused before anything was sent.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, or did not answer in time.</summary>
    public const int Unreachable = 3;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
