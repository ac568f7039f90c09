using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;

namespace ActorMq.Cli;

/// <summary>The options every command takes (before or after the command's name).</summary>
internal sealed class GlobalOptions
{
    /// <summary>The environment variable that names the server when <c>--server</c> is not given.</summary>
    public const string ServerVariable = "ACTORMQ_URL";

    /// <summary>The server when neither <c>--server</c> nor <c>ACTORMQ_URL</c> names one.</summary>
    public static readonly Uri DefaultServer = new("http://127.0.0.1:5080");

    /// <summary><c>--server URL</c>.</summary>
    public Option<Uri?> Server { get; } = new("--server")
    {
        Description = $"The node's HTTP address [default: ${ServerVariable}, else {DefaultServer.OriginalString}]",
        HelpName = "URL",
        Recursive = true,
        CustomParser = result =>
        {
            var uri = Values.Server("--server", result.Tokens.Count > 0 ? result.Tokens[^1].Value : "", out var error);
            if (error is not null)
            {
                result.AddError(error);
            }

            return uri;
        },
    };

    /// <summary><c>--format text|json|yaml</c>.</summary>
    public Option<OutputFormat> Format { get; } = new("--format")
    {
        Description = "How results are written: text (tables), json or yaml [default: text]",
        HelpName = "text|json|yaml",
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            switch (text)
            {
                case "text":
                    return OutputFormat.Text;
                case "json":
                    return OutputFormat.Json;
                case "yaml":
                    return OutputFormat.Yaml;
                default:
                    result.AddError($"--format must be text, json or yaml; got '{text}'.");
                    return OutputFormat.Text;
            }
        },
    };

    /// <summary>Adds both to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        Format.CompletionSources.Add("text", "json", "yaml");
        root.Options.Add(Server);
        root.Options.Add(Format);
    }

    /// <summary>The server: <c>--server</c>, else <c>ACTORMQ_URL</c>, else <see cref="DefaultServer"/>.</summary>
    /// <exception cref="UsageException"><c>ACTORMQ_URL</c> is not an http or https address.</exception>
    public Uri ServerOf(ParseResult parse, CliConsole console)
    {
        if (parse.GetValue(Server) is { } given)
        {
            return given;
        }

        if (console.Environment(ServerVariable) is { Length: > 0 } variable)
        {
            return Values.Server(ServerVariable, variable, out var error) ?? throw new UsageException(error!);
        }

        return DefaultServer;
    }
}
