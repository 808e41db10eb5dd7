using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexSurveyAndAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "BonusCap",
                table: "Frameworks",
                type: "TEXT",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "DeductionCap",
                table: "Frameworks",
                type: "TEXT",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotApplicableRule",
                table: "Frameworks",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "RescaleToFullMax");

            migrationBuilder.CreateTable(
                name: "IndexAdjustments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FrameworkId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndexAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndexAdjustments_Frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "Frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FrameworkId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MaxPoints = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: false),
                    Points = table.Column<decimal>(type: "TEXT", precision: 9, scale: 3, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurveyGroups_Frameworks_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "Frameworks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndexAdjustments_FrameworkId",
                table: "IndexAdjustments",
                column: "FrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyGroups_FrameworkId",
                table: "SurveyGroups",
                column: "FrameworkId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndexAdjustments");

            migrationBuilder.DropTable(
                name: "SurveyGroups");

            migrationBuilder.DropColumn(
                name: "BonusCap",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "DeductionCap",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "NotApplicableRule",
                table: "Frameworks");
        }
    }
}
