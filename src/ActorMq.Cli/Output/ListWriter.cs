using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorMq.Cli.Output;

/// <summary>
/// A list printed in batches (<see cref="Printer.List{T}"/>): <see cref="Add"/> items, <see cref="Flush"/> to print
/// them (before acking what was printed, say), <see cref="End"/> to close the list. Text tables keep their header and
/// widen their columns as longer cells arrive; JSON and YAML stay one document.
/// </summary>
/// <typeparam name="T">The items.</typeparam>
internal sealed class ListWriter<T>
{
    private readonly Printer _printer;
    private readonly string _property;
    private readonly IReadOnlyList<Column<T>> _columns;
    private readonly Func<T, JsonObject> _data;
    private readonly string _empty;
    private readonly List<T> _pending = [];
    private readonly int[] _widths;
    private readonly ArrayBufferWriter<byte> _jsonBuffer = new();
    private Utf8JsonWriter? _json;
    private long _count;

    internal ListWriter(Printer printer, string property, IReadOnlyList<Column<T>> columns, Func<T, JsonObject> data, string empty)
    {
        _printer = printer;
        _property = property;
        _columns = columns;
        _data = data;
        _empty = empty;
        _widths = columns.Select(c => c.Header.Length).ToArray();
    }

    /// <summary>How many items were added.</summary>
    public long Count => _count;

    /// <summary>Adds an item, printed at the next <see cref="Flush"/>.</summary>
    public void Add(T item)
    {
        _pending.Add(item);
        _count++;
    }

    /// <summary>Prints the items added since the last flush.</summary>
    public void Flush()
    {
        if (_pending.Count == 0)
        {
            _printer.Flush();
            return;
        }

        switch (_printer.Format)
        {
            case OutputFormat.Text:
                WriteRows();
                break;
            case OutputFormat.Json:
                WriteJson();
                break;
            default:
                WriteYaml();
                break;
        }

        _pending.Clear();
        _printer.Flush();
    }

    /// <summary>Prints what is left and closes the list (an empty one says so).</summary>
    public void End()
    {
        Flush();
        var text = _printer.Text;
        switch (_printer.Format)
        {
            case OutputFormat.Text when _count == 0:
                text.Write(_empty);
                text.Write('\n');
                break;
            case OutputFormat.Json:
                var json = Json();
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                _printer.Utf8(_jsonBuffer.WrittenSpan);
                _jsonBuffer.Clear();
                text.Write('\n');
                json.Dispose();
                break;
            case OutputFormat.Yaml when _count == 0:
                text.Write(_property);
                text.Write(": []\n");
                break;
        }

        _printer.Flush();
    }

    private void WriteRows()
    {
        var rows = _pending.Select(item => _columns.Select(c => Printer.Cell(c.Cell(item))).ToArray()).ToList();
        var first = _count == _pending.Count;
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                _widths[i] = Math.Max(_widths[i], row[i].Length);
            }
        }

        if (first)
        {
            WriteRow(_columns.Select(c => c.Header).ToArray());
        }

        foreach (var row in rows)
        {
            WriteRow(row);
        }
    }

    private void WriteRow(string[] cells)
    {
        var text = _printer.Text;
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var cell = _columns[i].AlignRight ? cells[i].PadLeft(_widths[i]) : last ? cells[i] : cells[i].PadRight(_widths[i]);
            text.Write(cell);
            if (!last)
            {
                text.Write("  ");
            }
        }

        text.Write('\n');
    }

    private Utf8JsonWriter Json()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(_jsonBuffer, Printer.JsonOptions);
            _json.WriteStartObject();
            _json.WritePropertyName(_property);
            _json.WriteStartArray();
        }

        return _json;
    }

    private void WriteJson()
    {
        var json = Json();
        foreach (var item in _pending)
        {
            _data(item).WriteTo(json);
        }

        json.Flush();
        _printer.Utf8(_jsonBuffer.WrittenSpan);
        _jsonBuffer.Clear();
    }

    private void WriteYaml()
    {
        if (_count == _pending.Count)
        {
            _printer.Text.Write(_property);
            _printer.Text.Write(":\n");
        }

        YamlText.WriteSequence(_printer.Text, _pending.Select(_data));
    }
}
