using System.CommandLine;
using System.CommandLine.Parsing;

namespace ActorMq.Cli.Input;

/// <summary>
/// The arguments and options the commands share, each checked while the command line is parsed: a bad value is a
/// parse error naming it (exit code 2), so nothing is sent.
/// </summary>
internal static class Symbols
{
    /// <summary>A queue name argument.</summary>
    public static Argument<string> Queue(string description, string helpName = "QUEUE")
    {
        var argument = new Argument<string>("queue") { Description = description, HelpName = helpName };
        argument.Validators.Add(result => AddError(result, Values.QueueNameError("queue", result.GetValueOrDefault<string>())));
        return argument;
    }

    /// <summary>A queue name argument that may be left out.</summary>
    public static Argument<string?> OptionalQueue(string description)
    {
        var argument = new Argument<string?>("queue") { Description = description, HelpName = "QUEUE", Arity = ArgumentArity.ZeroOrOne };
        argument.Validators.Add(result =>
            AddError(result, result.Tokens.Count > 0 ? Values.QueueNameError("queue", result.GetValueOrDefault<string?>()) : null));
        return argument;
    }

    /// <summary>A message id argument.</summary>
    public static Argument<string> MessageId(string description)
    {
        var argument = new Argument<string>("id") { Description = description, HelpName = "ID" };
        argument.Validators.Add(result => AddError(result, Values.MessageIdError("id", result.GetValueOrDefault<string>())));
        return argument;
    }

    /// <summary>An option naming a queue.</summary>
    public static Option<string?> QueueOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "QUEUE" };
        option.Validators.Add(result => AddError(result, Values.QueueNameError(name, result.GetValueOrDefault<string?>())));
        return option;
    }

    /// <summary>A duration in seconds, from 0 (or more than 0) to <paramref name="max"/>.</summary>
    public static Option<TimeSpan?> Seconds(string name, string description, bool allowZero, TimeSpan max) => new(name)
    {
        Description = description,
        HelpName = "SECONDS",
        CustomParser = result =>
        {
            var value = Values.Seconds(name, Token(result), allowZero, max, out var error);
            AddError(result, error);
            return value;
        },
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Whole(string name, string description, int min, int max = int.MaxValue, string helpName = "N") => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var value = Values.Whole(name, Token(result), min, max, out var error);
            AddError(result, error);
            return (int?)value;
        },
    };

    /// <summary>A whole number from <paramref name="min"/> to <see cref="long.MaxValue"/>.</summary>
    public static Option<long?> WholeLong(string name, string description, long min) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var value = Values.Whole(name, Token(result), min, long.MaxValue, out var error);
            AddError(result, error);
            return value;
        },
    };

    /// <summary>An instant (RFC 3339), at most 10 years ahead.</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "TIME",
        CustomParser = result =>
        {
            var value = Values.Instant(name, Token(result), DateTimeOffset.UtcNow, out var error);
            AddError(result, error);
            return value;
        },
    };

    /// <summary>A message id option.</summary>
    public static Option<string?> MessageIdOption(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "ID" };
        option.Validators.Add(result => AddError(result, result.GetValueOrDefault<string?>() is { } id ? Values.MessageIdError(name, id) : null));
        return option;
    }

    /// <summary><c>--header NAME=VALUE</c>, repeatable.</summary>
    public static Option<string[]> Headers(string description)
    {
        var option = new Option<string[]>("--header")
        {
            Description = description,
            HelpName = "NAME=VALUE",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            Values.Headers("--header", result.GetValueOrDefault<string[]>() ?? [], out var error);
            AddError(result, error);
        });
        return option;
    }

    /// <summary>A flag.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>Adds an error to the command when more than one of <paramref name="options"/> is given.</summary>
    public static void OneOf(Command command, params Option[] options) => command.Validators.Add(result =>
    {
        var given = options.Where(o => Given(result, o)).Select(o => o.Name).ToArray();
        if (given.Length > 1)
        {
            result.AddError($"{string.Join(" and ", given)} cannot be used together; give one.");
        }
    });

    /// <summary>True when <paramref name="option"/> was given on the command line (not just defaulted).</summary>
    public static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static void AddError(SymbolResult result, string? error)
    {
        if (error is not null)
        {
            result.AddError(error);
        }
    }
}
