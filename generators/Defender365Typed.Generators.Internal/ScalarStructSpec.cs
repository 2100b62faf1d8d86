using System;

namespace Defender365Typed.Generators.Internal;

/// <summary>
/// What <see cref="ScalarStructEmitter"/> needs to know about one <c>[KqlScalarStruct]</c> struct: only strings and
/// booleans, so that the incremental pipeline compares it by value and re-emits only when it changes.
/// </summary>
internal sealed class ScalarStructSpec : IEquatable<ScalarStructSpec>
{
    public ScalarStructSpec(string ns, string name, string kqlTypeName, bool hasNullChecks, bool hasNoEqualityOperator)
    {
        Namespace = ns;
        Name = name;
        KqlTypeName = kqlTypeName;
        HasNullChecks = hasNullChecks;
        HasNoEqualityOperator = hasNoEqualityOperator;
    }

    /// <summary>The struct's namespace, empty for the global namespace.</summary>
    public string Namespace { get; }

    /// <summary>The struct's name, e.g. <c>KqlDateTime</c>.</summary>
    public string Name { get; }

    /// <summary>The KQL type the struct stands for, e.g. <c>datetime</c>.</summary>
    public string KqlTypeName { get; }

    /// <summary>Whether the struct gets <c>IsNull</c>, <c>IsNotNull</c> and <c>AsString</c>.</summary>
    public bool HasNullChecks { get; }

    /// <summary>Whether the struct has no <c>==</c> (its <c>Equals</c> documentation then says so).</summary>
    public bool HasNoEqualityOperator { get; }

    public bool Equals(ScalarStructSpec? other) =>
        other is not null
        && Namespace == other.Namespace
        && Name == other.Name
        && KqlTypeName == other.KqlTypeName
        && HasNullChecks == other.HasNullChecks
        && HasNoEqualityOperator == other.HasNoEqualityOperator;

    public override bool Equals(object? obj) => Equals(obj as ScalarStructSpec);

    public override int GetHashCode()
    {
        unchecked
        {
            int hash = Namespace.GetHashCode();
            hash = (hash * 31) + Name.GetHashCode();
            hash = (hash * 31) + KqlTypeName.GetHashCode();
            return (hash * 4) + (HasNullChecks ? 2 : 0) + (HasNoEqualityOperator ? 1 : 0);
        }
    }
}
