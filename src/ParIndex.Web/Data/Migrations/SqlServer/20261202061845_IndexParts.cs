using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParIndex.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class IndexParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NotApplicableReason",
                table: "SubCriteria",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AverageFrom",
                table: "Frameworks",
                type: "decimal(9,3)",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BandBasis",
                table: "Frameworks",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Percent");

            migrationBuilder.AddColumn<decimal>(
                name: "ExcellentFrom",
                table: "Frameworks",
                type: "decimal(9,3)",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FairFrom",
                table: "Frameworks",
                type: "decimal(9,3)",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "GoodFrom",
                table: "Frameworks",
                type: "decimal(9,3)",
                precision: 9,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PartsVersion",
                table: "Frameworks",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<decimal>(
                name: "Scale",
                table: "Frameworks",
                type: "decimal(9,3)",
                precision: 9,
                scale: 3,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NotApplicableReason",
                table: "SubCriteria");

            migrationBuilder.DropColumn(
                name: "AverageFrom",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "BandBasis",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "ExcellentFrom",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "FairFrom",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "GoodFrom",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "PartsVersion",
                table: "Frameworks");

            migrationBuilder.DropColumn(
                name: "Scale",
                table: "Frameworks");
        }
    }
}
