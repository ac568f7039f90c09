using ActorMq.Bench.Floor;

// bench/floor.sh runs this: `server --port P` in one process, `client --port P --transport http|tcp` in another.
return args switch
{
    ["server", "--port", var port] => await FloorServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["client", "--port", var port, "--transport", var transport, .. var rest] => await FloorClient.RunAsync(
        int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), transport, FloorClient.Options.Parse(rest)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: floor server --port P | floor client --port P --transport http|tcp [--n N] [--rate R] [--warmup W]");
    return 2;
}
