using ActorMq.Cli;

// The first Ctrl+C cancels the running command (it stops cleanly and exits 130); a second one ends the process.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

return await CliApp.RunAsync(args, CliConsole.Standard(), cancel.Token);
