using System.Globalization;

namespace ReaderWriter;

/// <summary>The command line: where the file comes from and goes to, and which node (or nodes) to go through.</summary>
internal sealed record CopyOptions(string Input, string Output, IReadOnlyList<string> ContactPoints, string Queue, int BatchSize, bool KeepQueue)
{
    public const string Usage = """
        usage: ReaderWriter --input <file> --output <file> [--contact akka.tcp://actormq@127.0.0.1:4053]...
                            [--queue <name>] [--batch <1-1000>] [--keep-queue]
          Copies <input> to <output> through an ActorMq queue over the Akka transport: one message per line, the
          producer publishing while the consumer receives. --contact may be given once per gateway node.
          The queue (default: readerwriter-<random>) is deleted afterwards unless --keep-queue.
        """;

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static CopyOptions Parse(string[] args)
    {
        string? input = null, output = null, queue = null;
        var contacts = new List<string>();
        var batch = 500;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--input": input = Value(); break;
                case "--output": output = Value(); break;
                case "--contact": contacts.Add(Value()); break;
                case "--queue": queue = Value(); break;
                case "--batch":
                    var text = Value();
                    batch = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1000
                        ? n
                        : throw new ArgumentException($"--batch '{text}' is not a whole number from 1 to 1000");
                    break;
                case "--keep-queue": keep = true; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        return new CopyOptions(
            input ?? throw new ArgumentException("--input is required"),
            output ?? throw new ArgumentException("--output is required"),
            contacts.Count > 0 ? contacts : ["akka.tcp://actormq@127.0.0.1:4053"],
            queue ?? $"readerwriter-{Guid.NewGuid():N}",
            batch,
            keep);
    }
}
