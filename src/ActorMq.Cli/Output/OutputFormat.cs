namespace ActorMq.Cli.Output;

/// <summary>How results are written (global option <c>--format</c>).</summary>
internal enum OutputFormat
{
    /// <summary>For people: aligned tables, one-line summaries, key/value lists.</summary>
    Text,

    /// <summary>Indented JSON, camelCase, the API's shapes.</summary>
    Json,

    /// <summary>YAML of the same shapes as <see cref="Json"/>.</summary>
    Yaml,
}
