using System.Text.Json;

namespace Platform.Governance.Tests;

public sealed class ComplianceRecordJsonTests
{
    [Fact]
    public void A_written_record_reads_back_equal_with_lower_case_words_and_schema_field_order()
    {
        var record = new ComplianceRecord
        {
            Level = ComplianceLevel.Silver,
            LevelReasons = ["1 registered deviation(s): PLAT2001"],
            BuildDate = "2026-11-26",
            Project = new RecordedProject { Name = "Api", Path = "/repo/src/Api/Api.csproj", Kind = "web", TargetFramework = "net10.0", Configuration = "Release" },
            Sdk = new RecordedSdk { Used = true, Version = "1.4.0" },
            Deviations = [new RecordedDeviation { Id = "PLAT2001", Kind = DeviationKind.Rule, Status = DeviationStatus.Expiring, Reason = "legacy", Owner = "team-a", Expires = "2026-12-01", DaysLeft = 5, SuppressedResults = 1 }],
            Enforcement = [new RecordedEnforcement { RuleId = "PLAT5002", ErrorFrom = "2027-01-01", Mode = EnforcementMode.Warning }],
            Suppressed = [new RecordedSuppression { RuleId = "PLAT2001", Message = "new HttpClient", File = "Client.cs", Line = 7, SuppressionKind = "external", Deviation = new("PLAT2001", "team-a", "legacy", "2026-12-01") }],
        };

        var text = ComplianceRecordJson.Write(record);
        var read = ComplianceRecordJson.Read(text);

        Assert.Equal(text, ComplianceRecordJson.Write(read));
        Assert.Contains("\"level\": \"silver\"", text, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"expiring\"", text, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"warning\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        var suppressed = text[text.IndexOf("\"suppressed\"", StringComparison.Ordinal)..];
        Assert.True(suppressed.IndexOf("\"column\"", StringComparison.Ordinal) < suppressed.IndexOf("\"suppressionKind\"", StringComparison.Ordinal), "schema 1 lists the result's fields first");
    }

    [Fact]
    public void A_record_from_before_owners_reads_with_no_owner_and_an_owner_round_trips_in_the_same_schema()
    {
        var old = ComplianceRecordJson.Read("{\"schemaVersion\": 1, \"level\": \"gold\", \"project\": {\"name\": \"Api\"}}");
        Assert.Null(old.Owner);

        var text = ComplianceRecordJson.Write(new ComplianceRecord { Owner = new ProjectOwner("@org/payments", OwnerSource.CodeOwners) });
        Assert.Contains("\"schemaVersion\": 1", text, StringComparison.Ordinal);
        Assert.Contains("\"source\": \"codeowners\"", text, StringComparison.Ordinal);
        Assert.Equal(new ProjectOwner("@org/payments", OwnerSource.CodeOwners), ComplianceRecordJson.Read(text).Owner);
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 2, \"level\": \"gold\"}")]
    [InlineData("{\"schemaVersion\": 1, \"level\": \"platinum\"}")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public void A_record_of_another_schema_or_with_unknown_words_is_a_JsonException(string json)
    {
        Assert.Throws<JsonException>(() => ComplianceRecordJson.Read(json));
    }
}
