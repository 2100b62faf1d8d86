using System.Collections.Generic;
using Defender365Typed.Syntax;

namespace Defender365Typed;

/// <summary>
/// Makes the column references of a generated column set. The default scope names columns as they
/// are; join conditions use <c>$left.</c>/<c>$right.</c>; a join's output renames right-hand
/// columns whose names the left side already uses (KQL appends <c>1</c>, <c>2</c>...).
/// </summary>
public abstract class KqlColumnScope
{
    private protected KqlColumnScope()
    {
    }

    /// <summary>Columns named as declared.</summary>
    public static KqlColumnScope Default { get; } = new DefaultScope();

    internal static KqlColumnScope Left { get; } = new QualifiedScope("$left");

    internal static KqlColumnScope Right { get; } = new QualifiedScope("$right");

    /// <summary>A typed reference to the column <paramref name="name"/> in this scope.</summary>
    /// <typeparam name="T">The column's typed scalar, e.g. <see cref="KqlString"/>.</typeparam>
    public T Column<T>(string name)
        where T : struct, IKqlScalar<T>
    {
        System.ArgumentException.ThrowIfNullOrEmpty(name);
        return T.Wrap(CreateNode(name));
    }

    /// <summary>A scope that renames columns clashing with <paramref name="takenNames"/> the way KQL's join does.</summary>
    internal KqlColumnScope RenamingAfter(IReadOnlyCollection<string> takenNames) => new RenamingScope(this, takenNames);

    private protected abstract KqlColumnNode CreateNode(string name);

    private sealed class DefaultScope : KqlColumnScope
    {
        private protected override KqlColumnNode CreateNode(string name) => new(name);
    }

    private sealed class QualifiedScope(string qualifier) : KqlColumnScope
    {
        private protected override KqlColumnNode CreateNode(string name) => new(name, qualifier);
    }

    private sealed class RenamingScope(KqlColumnScope inner, IReadOnlyCollection<string> takenNames) : KqlColumnScope
    {
        private readonly HashSet<string> _taken = new(takenNames, System.StringComparer.Ordinal);

        private protected override KqlColumnNode CreateNode(string name)
        {
            return inner.CreateNode(Rename(name));
        }

        private string Rename(string name)
        {
            if (!_taken.Contains(name))
            {
                return name;
            }

            for (int suffix = 1; ; suffix++)
            {
                string candidate = name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!_taken.Contains(candidate))
                {
                    return candidate;
                }
            }
        }
    }
}
