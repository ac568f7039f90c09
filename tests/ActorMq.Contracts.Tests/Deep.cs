using System.Collections;
using System.Reflection;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

/// <summary>
/// Structural comparison for round trips: records member by member, lists element by element, dictionaries by
/// key, singletons by identity. Reports the path of the first difference.
/// </summary>
public static class Deep
{
    public static void Equal(object? expected, object? actual)
    {
        if (Difference(expected, actual, "$") is { } difference)
        {
            Assert.Fail(difference);
        }
    }

    /// <summary>Every object in the graph (members and elements, recursively), the root included.</summary>
    public static IEnumerable<object> Walk(object? root)
    {
        if (root is null)
        {
            yield break;
        }

        yield return root;
        if (IsLeaf(root))
        {
            yield break;
        }

        var children = root is IEnumerable items ? items.Cast<object?>() : Members(root.GetType()).Select(p => p.GetValue(root));
        foreach (var child in children)
        {
            foreach (var item in Walk(child))
            {
                yield return item;
            }
        }
    }

    private static string? Difference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }

        if (expected is IReadOnlyDictionary<string, string> e && actual is IReadOnlyDictionary<string, string> a)
        {
            var expectedPairs = e.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            var actualPairs = a.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            return expectedPairs.SequenceEqual(actualPairs) ? null : $"{path}: expected {Show(expectedPairs)}, got {Show(actualPairs)}";
        }

        if (IsLeaf(expected))
        {
            return expected.GetType() == actual.GetType() && expected.Equals(actual)
                ? null
                : $"{path}: expected {Show(expected)} ({expected.GetType().Name}), got {Show(actual)} ({actual.GetType().Name})";
        }

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
        {
            var left = expectedItems.Cast<object?>().ToList();
            var right = actualItems.Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                return $"{path}: expected {left.Count} elements, got {right.Count}";
            }

            return left.Zip(right).Select((pair, i) => Difference(pair.First, pair.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: expected a {type.Name}, got a {actual.GetType().Name}";
        }

        if (type.GetField("Instance", BindingFlags.Public | BindingFlags.Static) is { } instance && instance.FieldType == type)
        {
            return ReferenceEquals(actual, instance.GetValue(null)) ? null : $"{path}: expected the {type.Name}.Instance singleton, got another instance";
        }

        return Members(type)
            .Select(p => Difference(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}"))
            .FirstOrDefault(d => d is not null);
    }

    private static bool IsLeaf(object value) =>
        value is string or MessageBody or MessageHeaders or DateTimeOffset or TimeSpan or Enum || value.GetType().IsPrimitive;

    private static IEnumerable<PropertyInfo> Members(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IEnumerable<KeyValuePair<string, string>> pairs => "{" + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value ?? "null"}")) + "}",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
