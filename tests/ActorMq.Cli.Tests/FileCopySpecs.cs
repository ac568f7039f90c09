using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary>
/// <c>publish q --lines in.txt</c> then <c>consume q --all --text &gt; out.txt</c> copies a text file byte for byte: line
/// breaks (LF and CRLF), blank lines, unicode, a byte order mark, a last line without a line break, and a large file.
/// </summary>
public sealed class FileCopySpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actormq-cli-").FullName;

    public static TheoryData<string, string> Files => new()
    {
        { "lf", "one\ntwo\nthree\n" },
        { "crlf and blank lines", "one\r\n\r\ntwo\r\n\n\nthree\r\n" },
        { "no final line break", "first\nsecond\nlast without a line break" },
        { "unicode", "naïve café\n漢字とかな\n😀 emoji ✓\n\u00a0non-breaking\u2028separator\n" },
        { "byte order mark", "\ufeffwith a BOM\nsecond\n" },
        { "json-looking lines", "{\"a\": 1}\n\"quoted\"\n42\nnull\n\\backslash\\ \"and\" quotes\n" },
        { "control characters", "tab\there\nbell\u0007\nnul\u0000inside\nlone cr\rstays in its line\n" },
        { "only line breaks", "\n\n\n" },
        { "one line", "just one line" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Lines_published_then_consumed_as_text_are_the_file_byte_for_byte(string name, string text)
    {
        var queue = NewQueue("copy");
        var input = Write(name, text);

        var published = (await RunAsync("publish", queue, "--lines", input)).Ok();
        var lines = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
        Assert.Equal($"published {lines} message{(lines == 1 ? "" : "s")} to '{queue}' from '{input}'\n", published.Output);
        Assert.Equal(lines, (await Client.GetQueueAsync(queue)).Counts.Ready);

        var consumed = (await RunAsync("consume", queue, "--all", "--text")).Ok();
        Assert.Equal(File.ReadAllBytes(input), consumed.OutputBytes);
        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Counts.Total);
    }

    [Fact]
    public async Task Each_line_is_one_message_with_its_line_break_in_order()
    {
        var queue = NewQueue("copy-lines");
        var input = Write("lines", "a\r\nb\n\nc");

        (await RunAsync("publish", queue, "--lines", input, "--priority", "7", "--header", "from=file")).Ok();

        var page = await Client.BrowseAsync(queue, limit: 10);
        Assert.Equal(["a\r\n", "b\n", "\n", "c"], page.Messages.Select(m => m.Body.AsText()));
        Assert.All(page.Messages, m => Assert.Equal(7, m.Priority));
        Assert.All(page.Messages, m => Assert.Equal("file", m.Headers["from"]));
    }

    [Fact]
    public async Task An_empty_file_publishes_nothing_and_consuming_writes_nothing()
    {
        var queue = await QueueAsync("copy-empty");
        var input = Write("empty", "");

        Assert.Equal($"published 0 messages to '{queue}' from '{input}'\n", (await RunAsync("publish", queue, "--lines", input)).Ok().Output);
        Assert.Empty((await RunAsync("consume", queue, "--all", "--text", "--wait", "0")).Ok().OutputBytes);
    }

    [Fact]
    public async Task With_json_each_line_is_one_json_message()
    {
        var queue = NewQueue("copy-jsonl");
        var input = Write("jsonl", "{\"n\": 1}\n[2]\r\n\"three\"\n");

        (await RunAsync("publish", queue, "--lines", input, "--json")).Ok();

        var page = await Client.BrowseAsync(queue);
        Assert.Equal(["{\"n\": 1}", "[2]", "\"three\""], page.Messages.Select(m => m.Body.AsJson()));
        Assert.Equal("{\"n\": 1}[2]three", (await RunAsync("consume", queue, "--all", "--text")).Ok().Output);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_before_anything_is_published()
    {
        var queue = NewQueue("copy-binary");
        var input = Path.Combine(_dir, "latin1.txt");
        File.WriteAllBytes(input, [.. Encoding.UTF8.GetBytes("fine\nfine too\n"), 0x63, 0x61, 0x66, 0xE9, 0x0A]);   // "café" in Latin-1

        (await RunAsync("publish", queue, "--lines", input)).Fails(ExitCodes.Usage, "--lines", "line 3", "is not UTF-8 text");

        Assert.False(await ExistsAsync(queue));
    }

    [Fact]
    public async Task A_line_too_large_for_the_queue_is_refused_before_anything_is_published()
    {
        var queue = await QueueAsync("copy-large-line", new QueueSettings { MaxMessageBytes = 100 });
        var input = Write("long", "short\n" + new string('x', 200) + "\nshort\n");

        (await RunAsync("publish", queue, "--lines", input)).Fails(ExitCodes.Usage, "line 2", "maxMessageBytes", "Nothing was published");

        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Totals.Published);
    }

    [Fact]
    public async Task A_line_that_is_not_json_with_json_is_refused_before_anything_is_published()
    {
        var queue = NewQueue("copy-bad-jsonl");
        var input = Write("bad-jsonl", "{\"n\": 1}\nnot json\n");

        (await RunAsync("publish", queue, "--lines", input, "--json")).Fails(ExitCodes.Usage, "line 2", "not valid JSON");

        Assert.False(await ExistsAsync(queue));
    }

    [Fact]
    public async Task A_large_file_of_100k_lines_is_copied_byte_for_byte_by_the_executable_in_bounded_time()
    {
        var queue = NewQueue("copy-large");
        var input = Path.Combine(_dir, "large.txt");
        var copy = Path.Combine(_dir, "large.out.txt");
        File.WriteAllText(input, LargeText(100_000, seed: 11), new UTF8Encoding(false));
        Assert.InRange(new FileInfo(input).Length, 9_000_000, 13_000_000);
        var clock = Stopwatch.StartNew();

        var published = await CliProcess.RunAsync(Server, ["publish", queue, "--lines", input], timeout: TimeSpan.FromSeconds(150));
        Assert.True(published.ExitCode == 0, published.ToString());
        Assert.Equal($"published 100000 messages to '{queue}' from '{input}'\n", published.Output);
        Assert.Empty(published.Error);   // no progress bar: standard error is not a terminal
        var publishTime = clock.Elapsed;

        var consumed = await CliProcess.RunAsync(Server, ["consume", queue, "--all", "--text"], outputFile: copy, timeout: TimeSpan.FromSeconds(150));
        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        Output.WriteLine($"publish --lines: {publishTime.TotalSeconds:0.0} s; consume --all --text: {(clock.Elapsed - publishTime).TotalSeconds:0.0} s");

        Assert.True(File.ReadAllBytes(input).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), "the copy differs from the file");
        var info = await Client.GetQueueAsync(queue);
        Assert.Equal(0, info.Counts.Total);
        Assert.Equal(100_000, info.Totals.Acked);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(240), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_small_file_is_copied_through_the_executable_with_its_output_redirected()
    {
        var queue = NewQueue("copy-process");
        var input = Write("process", "αβγ\r\n\r\nline\nno final break");
        var copy = Path.Combine(_dir, "process.out.txt");

        (await CliProcess.RunAsync(Server, ["publish", queue, "--lines", input])).Ok();
        (await CliProcess.RunAsync(Server, ["consume", queue, "--all", "--text"], outputFile: copy)).Ok();

        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(copy));
    }

    /// <summary>
    /// A deterministic text of <paramref name="lines"/> lines, about 110 bytes each: ASCII, punctuation, JSON-special
    /// characters, accents, CJK and emoji; LF and (every 7th) CRLF; every 50th line blank; no final line break.
    /// </summary>
    internal static string LargeText(int lines, int seed)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:!?\"'\\/{}[]<>\t-_=+éüñ漢字✓";
        var random = new Random(seed);
        var text = new StringBuilder(lines * 120);
        for (var i = 0; i < lines; i++)
        {
            if (i % 50 != 0)
            {
                var length = random.Next(0, 200);
                for (var j = 0; j < length; j++)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }

                if (i % 997 == 0)
                {
                    text.Append("😀");
                }
            }

            if (i < lines - 1)
            {
                text.Append(i % 7 == 0 ? "\r\n" : "\n");
            }
        }

        return text.ToString();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, string.Concat(name.Split(' ')) + ".txt");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }
}
