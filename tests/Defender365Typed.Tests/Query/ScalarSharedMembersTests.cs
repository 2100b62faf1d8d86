using System;
using System.Linq;
using System.Reflection;
using Defender365Typed.Syntax;

namespace Defender365Typed.Tests.Query;

/// <summary>
/// The members the internal generator writes on every typed scalar (generators/Defender365Typed.Generators.Internal),
/// checked on the ten real structs: the interface, the KQL type name, identity equality, the default-value guard and
/// the null checks every type but string has.
/// </summary>
public sealed class ScalarSharedMembersTests
{
    public static TheoryData<Type, string, bool> Scalars => new()
    {
        { typeof(KqlString), "string", false },
        { typeof(KqlLong), "long", true },
        { typeof(KqlInt), "int", true },
        { typeof(KqlReal), "real", true },
        { typeof(KqlDecimal), "decimal", true },
        { typeof(KqlBool), "bool", true },
        { typeof(KqlDateTime), "datetime", true },
        { typeof(KqlTimeSpan), "timespan", true },
        { typeof(KqlGuid), "guid", true },
        { typeof(KqlDynamic), "dynamic", true },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Each_scalar_has_the_shared_members(Type type, string kqlTypeName, bool hasNullChecks)
    {
        MethodInfo check = typeof(ScalarSharedMembersTests).GetMethod(nameof(Check), BindingFlags.NonPublic | BindingFlags.Static)!;

        check.MakeGenericMethod(type).Invoke(null, [kqlTypeName]);

        Assert.True(type.IsValueType);
        Assert.Equal(typeof(KqlExpr), type.GetProperty("Expression")?.PropertyType);
        string[] nullChecks = ["IsNull", "IsNotNull", "AsString"];
        Assert.Equal(
            hasNullChecks ? nullChecks : [],
            nullChecks.Where(name => type.GetMethod(name, Type.EmptyTypes) is { IsPublic: true }).ToArray());
    }

    private static void Check<T>(string kqlTypeName)
        where T : struct, IKqlScalar<T>
    {
        Assert.Equal(kqlTypeName, T.KqlTypeName);

        KqlNode node = new KqlColumnNode("Column");
        T value = T.Wrap(node);
        Assert.Same(node, value.Node);
        Assert.True(value.Equals(T.Wrap(node)));
        Assert.True(value.Equals((object)T.Wrap(node)));
        Assert.Equal(value.GetHashCode(), T.Wrap(node).GetHashCode());
        Assert.False(value.Equals(T.Wrap(new KqlColumnNode("Column"))));
        Assert.Same(node, value.Expression.Node);
        KqlExpr named = value.As("Alias");
        Assert.Same(node, named.Node);
        Assert.Equal("Alias", named.Alias);
        KqlNode other = new KqlColumnNode("Other");
        KqlAssignment assignment = value.Assign(T.Wrap(other));
        Assert.Same(node, assignment.Column);
        Assert.Same(other, assignment.Value);

        ArgumentException error = Assert.Throws<ArgumentException>(() => default(T).As("Alias"));
        Assert.Contains($"This {typeof(T).Name} is default-initialized", error.Message, StringComparison.Ordinal);
    }
}
