using System.CommandLine;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq schedule list|show|edit|cancel</c>: the scheduled messages of a queue.</summary>
internal static class ScheduleCommand
{
    public static Command Build(CliSession session) => new("schedule", "List, show, edit and cancel scheduled messages")
    {
        ScheduleListCommand.Build(session),
        ScheduleShowCommand.Build(session),
        ScheduleEditCommand.Build(session),
        ScheduleCancelCommand.Build(session),
    };
}
