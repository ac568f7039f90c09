using ActorMq.Node.Hosting;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.AddActorMqNode(args);
var app = builder.Build();
app.MapActorMqNode(settings);
await app.RunAsync();
