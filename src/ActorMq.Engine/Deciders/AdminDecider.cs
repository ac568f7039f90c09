namespace ActorMq.Engine.Deciders;

/// <summary>Creating, configuring, purging and deleting a queue.</summary>
internal static class AdminDecider
{
    public static Plan Configure(Planner p, ConfigureQueue command)
    {
        var state = p.State;
        if (QueueName.Validate(state.Name) is { } nameError)
        {
            return Plan.Fail(nameError);
        }

        if (command.Settings.Validate(state.Name) is { } settingsError)
        {
            return Plan.Fail(settingsError);
        }

        var created = !state.Exists;
        if (created || command.Settings != state.Settings)
        {
            p.Add(new QueueConfigured(command.Settings, created, p.Now));
        }

        return p.Done(s => new QueueConfiguredReply(created, QueueQueries.Info(s)));
    }

    public static Plan Delete(Planner p)
    {
        if (!p.State.Exists)
        {
            return Plan.Fail(QueueError.QueueNotFound(p.State.Name));
        }

        p.Add(new QueueDeleted(p.Now));
        return p.Done(static _ => QueueDeletedReply.Instance);
    }

    public static Plan Purge(Planner p)
    {
        if (!p.State.Exists)
        {
            return Plan.Fail(QueueError.QueueNotFound(p.State.Name));
        }

        var count = p.State.LiveCount;
        if (count > 0)
        {
            p.Add(new QueuePurged(p.Now));
        }

        return p.Done(_ => new Removed(count));
    }
}
