using ActorMq.Node.Hosting;

// Options are read once, at start: no reloading, so no watcher over the working directory, whose ./data it would
// otherwise follow through every journal write.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
NodeSettings settings;
try
{
    settings = builder.AddActorMqNode(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ActorMq node: {e.Message}");
    return 2;
}

var app = builder.Build();
app.MapActorMqNode(settings);
await app.RunAsync();
return 0;
