using System.Text;
using ActorMq.Cli.Input;

namespace ActorMq.Cli.Tests;

/// <summary>The lines of <c>--lines</c>: joined, they are the file.</summary>
public sealed class LineReaderSpecs : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("a", new[] { "a" })]
    [InlineData("a\n", new[] { "a\n" })]
    [InlineData("a\r\nb", new[] { "a\r\n", "b" })]
    [InlineData("\n\n", new[] { "\n", "\n" })]
    [InlineData("a\rb\n", new[] { "a\rb\n" })]
    [InlineData("\ufeffbom\n", new[] { "\ufeffbom\n" })]
    public async Task Lines_keep_their_line_breaks(string text, string[] lines)
    {
        await File.WriteAllTextAsync(_file, text, new UTF8Encoding(false));

        Assert.Equal(lines, await ReadAsync());
    }

    [Fact]
    public async Task Lines_longer_than_the_read_buffer_and_multibyte_characters_across_it_are_whole()
    {
        var text = new string('x', 65_535) + "é\n" + string.Concat(Enumerable.Repeat("😀", 50_000)) + "\nend";
        await File.WriteAllTextAsync(_file, text, new UTF8Encoding(false));

        var lines = await ReadAsync();

        Assert.Equal(3, lines.Count);
        Assert.Equal(text, string.Concat(lines));
    }

    [Fact]
    public async Task A_line_that_is_not_utf8_is_named()
    {
        await File.WriteAllBytesAsync(_file, [.. "ok\nok\n"u8.ToArray(), 0xC3, 0x28, 0x0A]);

        var error = await Assert.ThrowsAsync<UsageException>(ReadAsync);

        Assert.Contains("line 3 of", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);

    private async Task<List<string>> ReadAsync()
    {
        var lines = new List<string>();
        await foreach (var line in LineReader.ReadAsync(_file, CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }
}
