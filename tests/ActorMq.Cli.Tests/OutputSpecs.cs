using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorMq.Cli.Output;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActorMq.Cli.Tests;

/// <summary>The printer on its own: text tables, JSON and YAML lists written in batches, YAML quoting.</summary>
public sealed class OutputSpecs
{
    private static readonly Column<int>[] Columns = [new("N", n => n.ToString(System.Globalization.CultureInfo.InvariantCulture), AlignRight: true), new("WORD", n => new string('w', n))];

    [Fact]
    public void A_table_aligns_its_columns_and_widens_them_for_later_batches()
    {
        var text = Print(OutputFormat.Text, list =>
        {
            list.Add(1);
            list.Flush();
            list.Add(12);
            list.Flush();
        });

        Assert.Equal("N  WORD\n1  w\n12  wwwwwwwwwwww\n", text);
    }

    [Fact]
    public void A_json_list_written_in_batches_is_one_document()
    {
        var text = Print(OutputFormat.Json, list =>
        {
            list.Add(1);
            list.Flush();
            list.Add(2);
            list.Add(3);
        });

        using var document = JsonDocument.Parse(text);
        Assert.Equal(3, document.RootElement.GetProperty("items").GetArrayLength());
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_list_written_in_batches_is_one_document()
    {
        var text = Print(OutputFormat.Yaml, list =>
        {
            list.Add(1);
            list.Flush();
            list.Add(2);
        });

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var items = (YamlSequenceNode)((YamlMappingNode)stream.Documents.Single().RootNode).Children[new YamlScalarNode("items")];
        Assert.Equal(["w", "ww"], items.Select(i => ((YamlScalarNode)((YamlMappingNode)i).Children[new YamlScalarNode("word")]).Value));
    }

    [Theory]
    [InlineData("Text", "none\n")]
    [InlineData("Json", "{\n  \"items\": []\n}\n")]
    [InlineData("Yaml", "items: []\n")]
    public void An_empty_list_says_so(string format, string expected) =>
        Assert.Equal(expected, Print(Enum.Parse<OutputFormat>(format), _ => { }));

    [Theory]
    [InlineData("plain")]
    [InlineData("42")]
    [InlineData("1.5")]
    [InlineData("-3")]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData(" padded ")]
    [InlineData("2027-06-01T09:00:00Z")]
    [InlineData("key: value")]
    [InlineData("- item")]
    [InlineData("# comment")]
    [InlineData("two\nlines\n")]
    [InlineData("tab\tand \"quotes\" and 'apostrophes' and \\ backslash")]
    [InlineData("naïve 漢字 😀")]
    [InlineData("\u0000\u0007 control")]
    [InlineData("@at &anchor *alias !tag %percent |pipe >gt")]
    public void Yaml_strings_read_back_as_the_same_strings(string value)
    {
        var writer = new StringWriter();
        YamlText.WriteDocument(writer, new JsonObject { ["value"] = value, [value] = "as a key" });

        var stream = new YamlStream();
        stream.Load(new StringReader(writer.ToString()));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var scalar = (YamlScalarNode)root.Children[new YamlScalarNode("value")];
        Assert.Equal(value, scalar.Value);
        if (value is "42" or "1.5" or "-3" or "true" or "No" or "null" or "~" or "" or "2027-06-01T09:00:00Z")
        {
            Assert.NotEqual(ScalarStyle.Plain, scalar.Style);
        }

        Assert.Contains(root.Children, c => ((YamlScalarNode)c.Key).Value == value && ((YamlScalarNode)c.Value).Value == "as a key");
    }

    [Fact]
    public void Yaml_numbers_booleans_and_nulls_are_plain()
    {
        var writer = new StringWriter();
        YamlText.WriteDocument(writer, new JsonObject { ["num"] = 1.50m, ["b"] = true, ["z"] = null, ["o"] = new JsonObject(), ["a"] = new JsonArray() });

        Assert.Equal("num: 1.50\nb: true\nz: null\no: {}\na: []\n", writer.ToString());
    }

    [Fact]
    public void Fields_flatten_nested_objects_but_show_a_body_as_json()
    {
        var output = new MemoryStream();
        var text = new StreamWriter(output, new UTF8Encoding(false));
        var printer = new Printer(OutputFormat.Text, output, text);

        printer.Fields(new JsonObject
        {
            ["id"] = "m",
            ["body"] = JsonNode.Parse("""{"a": {"b": 1}}"""),
            ["settings"] = new JsonObject { ["x"] = 1, ["y"] = null },
            ["headers"] = new JsonObject(),
        });

        Assert.Equal("id          m\nbody        {\"a\":{\"b\":1}}\nsettings.x  1\nsettings.y  null\nheaders     -\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Table_cells_show_control_characters_as_spaces() => Assert.Equal("a b c", Printer.Cell("a\nb\tc"));

    private static string Print(OutputFormat format, Action<ListWriter<int>> write)
    {
        var output = new MemoryStream();
        var text = new StreamWriter(output, new UTF8Encoding(false));
        var list = new Printer(format, output, text).List("items", Columns, n => new JsonObject { ["n"] = n, ["word"] = new string('w', n) }, "none");
        write(list);
        list.End();
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
