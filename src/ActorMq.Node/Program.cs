using ActorMq.Node.Hosting;

var builder = WebApplication.CreateBuilder(args);
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
