namespace ActorMq.Node.Tests.Docker;

/// <summary>A compose env file of the repository's docker/ folder: KEY=VALUE lines, # comments, blank lines.</summary>
internal static class EnvFile
{
    /// <summary>The variables of docker/<paramref name="name"/>; the value is everything after the first '='.</summary>
    public static IReadOnlyDictionary<string, string> Read(string name)
    {
        var path = Path.Combine(RepositoryRoot(), "docker", name);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"{path}: '{line}' is not KEY=VALUE");
            Assert.True(variables.TryAdd(line[..equals], line[(equals + 1)..]), $"{path}: {line[..equals]} is set twice");
        }

        return variables;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorMq.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no ActorMq.sln above {AppContext.BaseDirectory}");
    }
}
