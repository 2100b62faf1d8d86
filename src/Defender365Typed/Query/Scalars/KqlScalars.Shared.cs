// The members every typed scalar shares, in one place so that each type's own file holds only its own KQL surface
// (literals, operators, functions). The blocks are identical but for the type: the node the value wraps, the
// IKqlScalar<TSelf> members (generic code creates and names scalars through T.Wrap and T.KqlTypeName), identity
// equality of the expression objects, and isnull/isnotnull/tostring, which every type but string has (a KQL string
// is never null: KqlString has IsEmpty, and is already text).
using Defender365Typed.Syntax;

namespace Defender365Typed;

public readonly partial struct KqlString : IKqlScalar<KqlString>
{
    private readonly KqlNode? _node;
    internal KqlString(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlString));
    KqlNode IKqlScalar<KqlString>.Node => Node;
    static string IKqlScalar<KqlString>.KqlTypeName => "string";
    static KqlString IKqlScalar<KqlString>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlString value) => KqlScalar.Assign(Node, value.Node, nameof(KqlString));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlString other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlString other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;
}

public readonly partial struct KqlLong : IKqlScalar<KqlLong>
{
    private readonly KqlNode? _node;
    internal KqlLong(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlLong));
    KqlNode IKqlScalar<KqlLong>.Node => Node;
    static string IKqlScalar<KqlLong>.KqlTypeName => "long";
    static KqlLong IKqlScalar<KqlLong>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlLong value) => KqlScalar.Assign(Node, value.Node, nameof(KqlLong));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlLong other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlLong other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlInt : IKqlScalar<KqlInt>
{
    private readonly KqlNode? _node;
    internal KqlInt(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlInt));
    KqlNode IKqlScalar<KqlInt>.Node => Node;
    static string IKqlScalar<KqlInt>.KqlTypeName => "int";
    static KqlInt IKqlScalar<KqlInt>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlInt value) => KqlScalar.Assign(Node, value.Node, nameof(KqlInt));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlInt other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlInt other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlReal : IKqlScalar<KqlReal>
{
    private readonly KqlNode? _node;
    internal KqlReal(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlReal));
    KqlNode IKqlScalar<KqlReal>.Node => Node;
    static string IKqlScalar<KqlReal>.KqlTypeName => "real";
    static KqlReal IKqlScalar<KqlReal>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlReal value) => KqlScalar.Assign(Node, value.Node, nameof(KqlReal));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlReal other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlReal other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlDecimal : IKqlScalar<KqlDecimal>
{
    private readonly KqlNode? _node;
    internal KqlDecimal(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlDecimal));
    KqlNode IKqlScalar<KqlDecimal>.Node => Node;
    static string IKqlScalar<KqlDecimal>.KqlTypeName => "decimal";
    static KqlDecimal IKqlScalar<KqlDecimal>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlDecimal value) => KqlScalar.Assign(Node, value.Node, nameof(KqlDecimal));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlDecimal other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlDecimal other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlBool : IKqlScalar<KqlBool>
{
    private readonly KqlNode? _node;
    internal KqlBool(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlBool));
    KqlNode IKqlScalar<KqlBool>.Node => Node;
    static string IKqlScalar<KqlBool>.KqlTypeName => "bool";
    static KqlBool IKqlScalar<KqlBool>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlBool value) => KqlScalar.Assign(Node, value.Node, nameof(KqlBool));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlBool other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlBool other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlDateTime : IKqlScalar<KqlDateTime>
{
    private readonly KqlNode? _node;
    internal KqlDateTime(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlDateTime));
    KqlNode IKqlScalar<KqlDateTime>.Node => Node;
    static string IKqlScalar<KqlDateTime>.KqlTypeName => "datetime";
    static KqlDateTime IKqlScalar<KqlDateTime>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlDateTime value) => KqlScalar.Assign(Node, value.Node, nameof(KqlDateTime));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlDateTime other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlDateTime other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlTimeSpan : IKqlScalar<KqlTimeSpan>
{
    private readonly KqlNode? _node;
    internal KqlTimeSpan(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlTimeSpan));
    KqlNode IKqlScalar<KqlTimeSpan>.Node => Node;
    static string IKqlScalar<KqlTimeSpan>.KqlTypeName => "timespan";
    static KqlTimeSpan IKqlScalar<KqlTimeSpan>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlTimeSpan value) => KqlScalar.Assign(Node, value.Node, nameof(KqlTimeSpan));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlTimeSpan other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlTimeSpan other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

public readonly partial struct KqlGuid : IKqlScalar<KqlGuid>
{
    private readonly KqlNode? _node;
    internal KqlGuid(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlGuid));
    KqlNode IKqlScalar<KqlGuid>.Node => Node;
    static string IKqlScalar<KqlGuid>.KqlTypeName => "guid";
    static KqlGuid IKqlScalar<KqlGuid>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlGuid value) => KqlScalar.Assign(Node, value.Node, nameof(KqlGuid));
    /// <summary>Identity of the expression objects, not a KQL comparison (use <c>==</c> for that).</summary>
    public bool Equals(KqlGuid other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlGuid other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}

#pragma warning disable CA2231 // No == on purpose: KQL cannot compare dynamic values without a cast.
public readonly partial struct KqlDynamic : IKqlScalar<KqlDynamic>
#pragma warning restore CA2231
{
    private readonly KqlNode? _node;
    internal KqlDynamic(KqlNode node) => _node = node;
    internal KqlNode Node => KqlScalar.Require(_node, nameof(KqlDynamic));
    KqlNode IKqlScalar<KqlDynamic>.Node => Node;
    static string IKqlScalar<KqlDynamic>.KqlTypeName => "dynamic";
    static KqlDynamic IKqlScalar<KqlDynamic>.Wrap(KqlNode node) => new(node);

    /// <inheritdoc />
    public KqlExpr Expression => new(Node);
    /// <inheritdoc />
    public KqlExpr As(string alias) => KqlScalar.As(Node, alias);
    /// <inheritdoc />
    public KqlAssignment Assign(KqlDynamic value) => KqlScalar.Assign(Node, value.Node, nameof(KqlDynamic));
    /// <summary>Identity of the expression objects (KQL has no dynamic equality).</summary>
    public bool Equals(KqlDynamic other) => ReferenceEquals(_node, other._node);
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KqlDynamic other && Equals(other);
    /// <inheritdoc />
    public override int GetHashCode() => _node?.GetHashCode() ?? 0;

    /// <summary><c>isnull(value)</c>.</summary>
    public KqlBool IsNull() => new(KqlNodes.Call("isnull", Node));
    /// <summary><c>isnotnull(value)</c>.</summary>
    public KqlBool IsNotNull() => new(KqlNodes.Call("isnotnull", Node));
    /// <summary><c>tostring(value)</c>.</summary>
    public KqlString AsString() => new(KqlNodes.Call("tostring", Node));
}
