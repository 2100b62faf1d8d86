using System;
using System.Collections.Generic;
using System.Linq;

namespace Defender365Typed;

/// <summary>Checks that a computed projection or summary fills every column of its result shape exactly once.</summary>
internal static class KqlShapeCheck
{
    public static void RequireEveryColumnOnce(IReadOnlyList<string> shapeColumns, KqlAssignment[] values, KqlAssignment[]? keys, string keyword)
    {
        ArgumentNullException.ThrowIfNull(values);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (KqlAssignment assignment in keys is null ? values : values.Concat(keys))
        {
            if (assignment.IsDefault)
            {
                throw new ArgumentException($"The '{keyword}' list contains a default-initialized assignment; use Assign on a result column.");
            }

            if (!seen.Add(assignment.Column.Name))
            {
                throw new ArgumentException($"'{keyword}' assigns the column '{assignment.Column.Name}' twice.");
            }
        }

        var missing = shapeColumns.Where(name => !seen.Contains(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"'{keyword}' does not produce the result column(s) {string.Join(", ", missing.Select(m => "'" + m + "'"))}; assign every column of the result shape.");
        }

        var foreign = seen.Where(name => !shapeColumns.Contains(name)).ToArray();
        if (foreign.Length > 0)
        {
            throw new ArgumentException(
                $"'{keyword}' assigns column(s) {string.Join(", ", foreign.Select(m => "'" + m + "'"))} that the result shape does not have.");
        }
    }
}
