using Platform.ServiceDefaults.Errors;

namespace BuildingBlocks.Tests;

/// <summary>A gRPC caller finds a field violation under the proto's field name, however deep.</summary>
public sealed class GrpcFieldNamesTests
{
    [Theory]
    [InlineData("name", "name")]
    [InlineData("periodFrom", "period_from")]
    [InlineData("owner.unitCodes[0]", "owner.unit_codes[0]")]
    [InlineData("rows[12].periodFrom", "rows[12].period_from")]
    [InlineData("batch_id", "batch_id")]
    [InlineData("node", "node_id")]
    [InlineData("node.parentId", "node_id.parent_id")]
    [InlineData("maxPrice", "max_price_pln_m2")]
    [InlineData("line[4].POW", "line[4].POW")] // a TERC file's column, named as the file names it
    [InlineData("line[1].STAN_NA", "line[1].STAN_NA")]
    public void Use_case_names_become_proto_names(string field, string expected)
    {
        var names = new GrpcFieldNames().Rename("node", "node_id").Rename("maxPrice", "max_price_pln_m2");
        Assert.Equal(expected, names.ToProto(field));
    }
}
