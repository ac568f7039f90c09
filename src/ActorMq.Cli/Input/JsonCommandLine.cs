using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace ActorMq.Cli.Input;

/// <summary>
/// Turns a command described as a JSON object into the command line it stands for, which is then parsed and checked
/// like any other: <c>{"command": "publish", "queue": "q", "body": {"a": 1}, "priority": 5}</c> is
/// <c>publish --priority=5 --json -- q '{"a": 1}'</c>.
/// </summary>
/// <remarks>
/// The mapping, for every command: <c>command</c> is the command's name as typed (<c>"schedule edit"</c>); an argument
/// is the key of its name (<c>queue</c>, <c>body</c>, <c>id</c>); an option <c>--some-name</c> is the key
/// <c>someName</c> (or <c>some-name</c>); a flag takes <c>true</c> (or <c>false</c>, as if left out); a value is a
/// string or a number; a repeatable option takes an array, and <c>header</c> (or <c>headers</c>) also an object of
/// names to values; <c>null</c> is left out. A <c>body</c> that is not a JSON string is sent as that JSON (as
/// <c>--json</c> would); a string body is text, unless <c>"json": true</c>. <c>server</c> and <c>format</c> are the
/// global options.
/// </remarks>
internal static class JsonCommandLine
{
    private static readonly JsonDocumentOptions Strict = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The command line of <paramref name="text"/>, under <paramref name="root"/>.</summary>
    /// <exception cref="UsageException">The object is not one, names no known command, or has a key or value that does not fit.</exception>
    public static List<string> ToArgs(string text, RootCommand root)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Strict);
        }
        catch (JsonException e)
        {
            throw new UsageException($"json: OBJECT is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException("json: OBJECT must be a JSON object such as {\"command\": \"view\"}.");
            }

            var properties = document.RootElement.EnumerateObject().ToList();
            var duplicate = properties.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new UsageException($"json: key '{duplicate.Key}' is given more than once.");
            }

            var (command, args) = Command(root, properties);
            var positionals = new string?[command.Arguments.Count];
            var json = false;
            foreach (var property in properties.Where(p => p.Name != "command"))
            {
                var index = command.Arguments.ToList().FindIndex(a => a.Name == property.Name);
                if (index >= 0)
                {
                    positionals[index] = Value(property, isBody: property.Name == "body", ref json);
                    continue;
                }

                var option = Option(root, command, property.Name);
                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (option.Arity.MaximumNumberOfValues == 0)
                {
                    if (Flag(property))
                    {
                        args.Add(option.Name);
                    }
                }
                else if (option.Arity.MaximumNumberOfValues > 1)
                {
                    args.AddRange(Repeated(property).Select(v => $"{option.Name}={v}"));
                }
                else
                {
                    var value = Value(property, isBody: property.Name == "body", ref json);
                    if (value is not null)
                    {
                        args.Add($"{option.Name}={value}");
                    }
                }
            }

            if (json && !args.Contains("--json"))
            {
                args.Add("--json");
            }

            args.Add("--");
            for (var i = 0; i < positionals.Length; i++)
            {
                if (positionals[i] is { } value)
                {
                    if (i > 0 && positionals[i - 1] is null)
                    {
                        throw new UsageException($"json: '{command.Arguments[i].Name}' is given without '{command.Arguments[i - 1].Name}'.");
                    }

                    args.Add(value);
                }
            }

            return args;
        }
    }

    /// <summary>The key of an option: <c>--max-receives</c> is <c>maxReceives</c>.</summary>
    public static string KeyOf(string optionName)
    {
        var name = optionName.TrimStart('-');
        var key = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '-' && i + 1 < name.Length)
            {
                key.Append(char.ToUpperInvariant(name[++i]));
            }
            else
            {
                key.Append(name[i]);
            }
        }

        return key.ToString();
    }

    private static (Command Command, List<string> Args) Command(RootCommand root, List<JsonProperty> properties)
    {
        var named = properties.FirstOrDefault(p => p.Name == "command");
        if (named.Value.ValueKind != JsonValueKind.String || named.Value.GetString() is not { Length: > 0 } text)
        {
            throw new UsageException($"json: OBJECT needs \"command\", a string naming one: {Names(root)}.");
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Command command = root;
        foreach (var word in words)
        {
            command = command.Subcommands.FirstOrDefault(c => c.Name == word && c.Name != "json")
                ?? throw new UsageException($"json: unknown command '{text}'; commands: {Names(root)}.");
        }

        if (command.Action is null)
        {
            throw new UsageException(
                $"json: '{text}' needs one of {string.Join(", ", command.Subcommands.Select(c => $"'{text} {c.Name}'"))}.");
        }

        return (command, [.. words]);
    }

    private static string Names(Command root) =>
        string.Join(", ", root.Subcommands.Where(c => c.Name != "json")
            .SelectMany(c => c.Action is null ? c.Subcommands.Select(s => $"{c.Name} {s.Name}") : [c.Name]));

    private static Option Option(RootCommand root, Command command, string key)
    {
        var candidates = command.Options.Concat(root.Options.Where(o => o.Recursive))
            .Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help" && o.Name != "--version")
            .ToList();
        var found = candidates.FirstOrDefault(o => KeyOf(o.Name) == key || o.Name == "--" + key)
            ?? (key == "headers" ? candidates.FirstOrDefault(o => o.Name == "--header") : null);
        if (found is null)
        {
            var keys = command.Arguments.Select(a => a.Name).Concat(candidates.Select(o => KeyOf(o.Name)));
            throw new UsageException($"json: '{CliSession.CommandPath(command)}' takes no key '{key}'; its keys: command, {string.Join(", ", keys)}.");
        }

        return found;
    }

    private static bool Flag(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new UsageException($"json: '{property.Name}' is a flag: true or false; got {property.Value.GetRawText()}."),
    };

    private static IEnumerable<string> Repeated(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.Array => property.Value.EnumerateArray().Select(v => Scalar(property.Name, v)).ToArray(),
        JsonValueKind.Object => property.Value.EnumerateObject().Select(p => $"{p.Name}={Scalar(property.Name, p.Value)}").ToArray(),
        _ => [Scalar(property.Name, property.Value)],
    };

    private static string? Value(JsonProperty property, bool isBody, ref bool json)
    {
        var value = property.Value;
        if (isBody && value.ValueKind != JsonValueKind.String)
        {
            json = true;
            return value.GetRawText();
        }

        return value.ValueKind == JsonValueKind.Null ? null : Scalar(property.Name, value);
    }

    private static string Scalar(string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new UsageException($"json: '{key}' must be a string or a number; got {value.GetRawText()}."),
    };
}
