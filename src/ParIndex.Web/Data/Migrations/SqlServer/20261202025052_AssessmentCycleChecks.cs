using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AssessmentCycleChecks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExplanationChange",
                table: "Scores",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExplanationChangeReason",
                table: "Scores",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Round1OffScaleReason",
                table: "Scores",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Round2OffScaleReason",
                table: "Scores",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RuleMismatchKeptPoints",
                table: "Scores",
                type: "decimal(9,3)",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RuleMismatchKeptReason",
                table: "Scores",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SelfOffScaleReason",
                table: "Scores",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Unlocks",
                table: "PhaseChange",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExplanationChange",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "ExplanationChangeReason",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "Round1OffScaleReason",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "Round2OffScaleReason",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "RuleMismatchKeptPoints",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "RuleMismatchKeptReason",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "SelfOffScaleReason",
                table: "Scores");

            migrationBuilder.DropColumn(
                name: "Unlocks",
                table: "PhaseChange");
        }
    }
}
