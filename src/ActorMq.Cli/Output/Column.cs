namespace ActorMq.Cli.Output;

/// <summary>One column of a text table: its header and how a row's cell is written.</summary>
/// <param name="Header">The header, in capitals.</param>
/// <param name="Cell">The cell text of one item.</param>
/// <param name="AlignRight">True for numbers.</param>
/// <typeparam name="T">The items of the table.</typeparam>
internal sealed record Column<T>(string Header, Func<T, string> Cell, bool AlignRight = false);
